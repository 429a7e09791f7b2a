package io.helpdesk.eventstore.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batches that are failing in this process, per processor: since when, how often, with what error and on
 * which event. A processor whose segments are stuck otherwise looks like one that is only slow.
 */
public class ProcessorFailures {

    /**
     * @param since    when the batch first failed in a row of failures
     * @param lastAt   when it failed last
     * @param attempts how often it failed since then
     * @param eventId  the first event of the failing batch
     * @param position that event's global position (null where the source has none)
     */
    public record Failure(String processor, Instant since, Instant lastAt, int attempts, String eventId,
                          Long position, String error, boolean isTransient) {

        public boolean stuckLongerThan(Duration duration, Instant now) {
            return since.plus(duration).isBefore(now);
        }
    }

    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProcessorFailures(Clock clock) {
        this.clock = clock;
    }

    void failed(String processor, List<? extends EventMessage<?>> events, Throwable error, boolean isTransient) {
        Instant now = clock.instant();
        EventMessage<?> first = events.isEmpty() ? null : events.get(0);
        Long position = first instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent()
                ? tracked.trackingToken().position().getAsLong() : null;
        String eventId = first == null ? null : first.getIdentifier();
        failing.merge(processor,
                      new Failure(processor, now, now, 1, eventId, position, SuspectingErrorHandler.rootMessage(error),
                                  isTransient),
                      (old, latest) -> new Failure(processor, old.since(), now, old.attempts() + 1, latest.eventId(),
                                                   latest.position(), latest.error(), isTransient));
    }

    /**
     * The processor's failure, unless it has moved past the event it failed on ({@code lowestPosition}: the
     * lowest position among its segments), which means a retry went through.
     */
    public Optional<Failure> of(String processor, Long lowestPosition) {
        Failure failure = failing.get(processor);
        if (failure == null) {
            return Optional.empty();
        }
        if (failure.position() != null && lowestPosition != null && lowestPosition >= failure.position()) {
            failing.remove(processor, failure);
            return Optional.empty();
        }
        return Optional.of(failure);
    }

    public Collection<Failure> all() {
        return List.copyOf(failing.values());
    }
}
