package io.helpdesk.domain.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;

/**
 * The running state of a ticket's SLA clocks, kept as wall-clock intervals so that it can be rebuilt from
 * event timestamps alone; the calendar turns the intervals into working time only when a due time is asked.
 * All clocks pause together while the ticket waits on the customer or a third party. {@link #apply} is the
 * one place that says which ticket event starts, stops or pauses which clock: the Ticket aggregate (for its
 * deadlines) and the SLA read model (for due times and compliance) both call it.
 */
public final class SlaClocks {

    private final Map<SlaTarget, Clock> clocks = new EnumMap<>(SlaTarget.class);
    private boolean paused;
    private boolean firstResponseGiven;

    /** What a ticket event did to the clocks: a clock that started, or one that stopped (kept or missed). */
    public sealed interface Change permits Started, Stopped {
        SlaTarget target();
    }

    public record Started(SlaTarget target) implements Change {
    }

    public record Stopped(SlaTarget target, boolean breached) implements Change {
    }

    public List<Change> apply(TicketEvent event, Instant at) {
        List<Change> changes = new ArrayList<>();
        if (event instanceof TicketOpened) {
            start(SlaTarget.FIRST_RESPONSE, at, changes);
            start(SlaTarget.RESOLUTION, at, changes);
        } else if (event instanceof CustomerMessageReceived) {
            if (firstResponseGiven && !clocks.containsKey(SlaTarget.NEXT_RESPONSE)) {
                start(SlaTarget.NEXT_RESPONSE, at, changes);
            }
        } else if (event instanceof AgentReplied) {
            firstResponseGiven = true;
            stop(SlaTarget.FIRST_RESPONSE, changes);
            stop(SlaTarget.NEXT_RESPONSE, changes);
        } else if (event instanceof TicketMarkedPending || event instanceof TicketPutOnHold) {
            pause(at);
        } else if (event instanceof TicketReturnedToOpen) {
            resume(at);
        } else if (event instanceof TicketResolved || event instanceof TicketClosed) {
            stopAll(changes);
        } else if (event instanceof TicketReopened) {
            resume(at);
            start(SlaTarget.RESOLUTION, at, changes);
            if (firstResponseGiven) {
                start(SlaTarget.NEXT_RESPONSE, at, changes);
            }
        } else if (event instanceof SlaBreached breached) {
            breached(breached.target());
        }
        return changes;
    }

    /**
     * A clock that already runs keeps running from where it started: a customer message on a resolved ticket
     * starts the next-response clock, and the reopening it causes must not start it a second time.
     */
    private void start(SlaTarget target, Instant at, List<Change> changes) {
        if (clocks.containsKey(target)) {
            return;
        }
        start(target, at);
        changes.add(new Started(target));
    }

    private void stop(SlaTarget target, List<Change> changes) {
        Clock clock = clocks.remove(target);
        if (clock != null) {
            changes.add(new Stopped(target, clock.breached));
        }
    }

    private void stopAll(List<Change> changes) {
        for (SlaTarget target : SlaTarget.values()) {
            stop(target, changes);
        }
    }

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

    /** When {@code share} of the target will have been used if the clock keeps running. */
    public Optional<Instant> atRiskAt(SlaTarget target, Duration allowed, double share, BusinessCalendar calendar) {
        return dueAt(target, Duration.ofMillis((long) (allowed.toMillis() * share)), calendar);
    }

    public boolean isBreached(SlaTarget target) {
        Clock clock = clocks.get(target);
        return clock != null && clock.breached;
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
        return other instanceof SlaClocks that && paused == that.paused && firstResponseGiven == that.firstResponseGiven
                && clocks.equals(that.clocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clocks, paused, firstResponseGiven);
    }

    /** A stretch of wall-clock time during which a clock ran. */
    public record Interval(Instant from, Instant to) {
    }

    /** Plain-value form of the clocks, for read models that store them between events. */
    public record State(Map<SlaTarget, ClockState> clocks, boolean paused, boolean firstResponseGiven) {
    }

    public record ClockState(List<Interval> intervals, Instant runningSince, boolean breached) {
    }

    public State state() {
        Map<SlaTarget, ClockState> copy = new EnumMap<>(SlaTarget.class);
        clocks.forEach((target, clock) -> copy.put(target, new ClockState(List.copyOf(clock.intervals),
                                                                          clock.runningSince, clock.breached)));
        return new State(copy, paused, firstResponseGiven);
    }

    public static SlaClocks restore(State state) {
        SlaClocks restored = new SlaClocks();
        restored.paused = state.paused();
        restored.firstResponseGiven = state.firstResponseGiven();
        state.clocks().forEach((target, saved) -> {
            Clock clock = new Clock();
            clock.intervals.addAll(saved.intervals());
            clock.runningSince = saved.runningSince();
            clock.breached = saved.breached();
            restored.clocks.put(target, clock);
        });
        return restored;
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
