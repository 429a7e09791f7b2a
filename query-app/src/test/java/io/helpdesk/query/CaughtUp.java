package io.helpdesk.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Collection;
import java.util.Collections;
import java.util.stream.Stream;

/** Whether read models have handled every event up to a position of the event store. */
public final class CaughtUp {

    private CaughtUp() {
    }

    /**
     * True when each named processor's segments together cover the whole event stream and each has handled the
     * event at {@code head}; false while a segment is still unclaimed, so no processor counts as caught up before
     * it has started.
     */
    public static boolean with(EventProcessingConfiguration processors, long head, String... names) {
        TrackingToken wanted = GapAwareTrackingToken.newInstance(head, Collections.emptySortedSet());
        return Stream.of(names).allMatch(name -> {
            Collection<EventTrackerStatus> statuses = processors.eventProcessor(name, StreamingEventProcessor.class)
                                                                .orElseThrow().processingStatus().values();
            double covered = statuses.stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
            return covered == 1.0 && statuses.stream().allMatch(
                    s -> s.getTrackingToken() != null && s.getTrackingToken().covers(wanted));
        });
    }
}
