package io.helpdesk.command.web;

import io.helpdesk.eventstore.EventStoreHead;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcOperations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * The global position of the events one command wrote, for its {@code X-Event-Position} answer. While a
 * command is handled on the calling thread (Axon's simple command bus), every event its aggregates publish
 * passes this interceptor, which notes each aggregate's last sequence number; after the commit one indexed
 * lookup turns the last of them into its global position.
 * <p>
 * The position names the command's own last event rather than the store's head: a query waiting for it then
 * waits for this command's events only, not for other clients' transactions that happened to be in flight
 * below the head.
 */
public class WrittenEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final ThreadLocal<Map<String, Long>> WRITING = new ThreadLocal<>();

    private final JdbcOperations jdbc;

    public WrittenEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code command} and returns its result with the position of its last event. */
    public <R> Written<R> track(Callable<R> command) throws Exception {
        Map<String, Long> lastSequences = new LinkedHashMap<>();
        Map<String, Long> outer = WRITING.get();
        WRITING.set(lastSequences);
        R result;
        try {
            result = command.call();
        } finally {
            if (outer == null) {
                WRITING.remove();
            } else {
                WRITING.set(outer);
            }
        }
        return new Written<>(result, position(lastSequences));
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Long> lastSequences = WRITING.get();
        if (lastSequences != null) {
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                    lastSequences.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
                }
            }
        }
        return (index, message) -> message;
    }

    /**
     * The greatest global position among the aggregates' last events; the store's head when the command wrote
     * no aggregate event (nothing of its own to wait for, so the newest committed state will do).
     */
    private long position(Map<String, Long> lastSequences) {
        long position = 0;
        for (Map.Entry<String, Long> last : lastSequences.entrySet()) {
            Long global = jdbc.query("SELECT global_index FROM eventstore.domain_event_entry "
                                             + "WHERE aggregate_identifier = ? AND sequence_number = ?",
                                     rows -> rows.next() ? rows.getLong(1) : null,
                                     last.getKey(), last.getValue());
            if (global != null) {
                position = Math.max(position, global);
            }
        }
        return position > 0 ? position : EventStoreHead.position(jdbc);
    }

    public record Written<R>(R result, long position) {
    }
}
