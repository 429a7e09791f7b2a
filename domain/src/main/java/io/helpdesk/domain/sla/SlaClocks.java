package io.helpdesk.domain.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The running state of a ticket's SLA clocks, kept as wall-clock intervals so that it can be rebuilt from
 * event timestamps alone; the calendar turns the intervals into working time only when a due time is asked.
 * All clocks pause together while the ticket waits on the customer or a third party.
 */
public final class SlaClocks {

    private final Map<SlaTarget, Clock> clocks = new EnumMap<>(SlaTarget.class);
    private boolean paused;

    public void start(SlaTarget target, Instant at) {
        Clock clock = new Clock();
        if (!paused) {
            clock.runningSince = at;
        }
        clocks.put(target, clock);
    }

    /** The promise was kept (or no longer applies). */
    public void stop(SlaTarget target) {
        clocks.remove(target);
    }

    public void pause(Instant at) {
        if (paused) {
            return;
        }
        paused = true;
        for (Clock clock : clocks.values()) {
            if (clock.runningSince != null) {
                clock.intervals.add(new Interval(clock.runningSince, at));
                clock.runningSince = null;
            }
        }
    }

    public void resume(Instant at) {
        if (!paused) {
            return;
        }
        paused = false;
        for (Clock clock : clocks.values()) {
            clock.runningSince = at;
        }
    }

    public void stopAll() {
        clocks.clear();
    }

    public void breached(SlaTarget target) {
        Clock clock = clocks.get(target);
        if (clock != null) {
            clock.breached = true;
        }
    }

    public boolean isRunning(SlaTarget target) {
        Clock clock = clocks.get(target);
        return clock != null && clock.runningSince != null && !clock.breached;
    }

    public boolean isPaused() {
        return paused;
    }

    /** When the target is missed if the clock keeps running; empty while paused, stopped or already breached. */
    public Optional<Instant> dueAt(SlaTarget target, Duration allowed, BusinessCalendar calendar) {
        Clock clock = clocks.get(target);
        if (clock == null || clock.runningSince == null || clock.breached) {
            return Optional.empty();
        }
        Duration used = Duration.ZERO;
        for (Interval interval : clock.intervals) {
            used = used.plus(calendar.businessTimeBetween(interval.from(), interval.to()));
        }
        return Optional.of(calendar.addBusinessTime(clock.runningSince, allowed.minus(used)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlaClocks that && paused == that.paused && clocks.equals(that.clocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clocks, paused);
    }

    private record Interval(Instant from, Instant to) {
    }

    private static final class Clock {
        private final List<Interval> intervals = new ArrayList<>();
        private Instant runningSince;
        private boolean breached;

        @Override
        public boolean equals(Object other) {
            return other instanceof Clock that && breached == that.breached
                    && Objects.equals(runningSince, that.runningSince) && intervals.equals(that.intervals);
        }

        @Override
        public int hashCode() {
            return Objects.hash(intervals, runningSince, breached);
        }
    }
}
