package io.helpdesk.eventstore;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread of a pooled streaming processor's coordinator, the one that reads events and hands them to the
 * work packages. Axon's coordinator waits {@value #FULL_QUEUE_WAIT_MILLIS} ms whenever a work package's queue
 * (a fixed 1,024 events) is full, and nothing wakes it when the queue drains. A work package that empties its
 * queue in less time then sits idle for the rest of the wait, which capped a replay near 1,024 events per
 * 100 ms however fast the projection wrote. Here that one wait is a short recheck instead; every other delay
 * (the token-claim interval, the back-off after an error) is Axon's own.
 */
public final class CoordinatorExecutor extends ScheduledThreadPoolExecutor {

    /** The delay Axon's coordinator (4.12) uses for "a work package's queue is full", and for nothing else. */
    static final long FULL_QUEUE_WAIT_MILLIS = 100;
    static final long RECHECK_MILLIS = 5;

    public CoordinatorExecutor(String processorName) {
        super(1, new AxonThreadFactory("Coordinator[" + processorName + "]"));
    }

    /** Every pooled streaming processor's coordinator runs on one of these. */
    public static PooledStreamingProcessorConfiguration forEveryProcessor() {
        return (config, builder) -> builder.coordinatorExecutor(CoordinatorExecutor::new);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (unit.toMillis(delay) == FULL_QUEUE_WAIT_MILLIS) {
            return super.schedule(command, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return super.schedule(command, delay, unit);
    }
}
