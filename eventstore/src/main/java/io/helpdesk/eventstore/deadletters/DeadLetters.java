package io.helpdesk.eventstore.deadletters;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What an administrator does with dead letters: list them (any group's, from the shared table), retry an
 * aggregate's sequence (its events are applied again, in order, and leave the queue as each succeeds), or
 * evict it (the events are given up on in that read model until the next rebuild). Retry and evict act on the
 * groups this process runs.
 */
public class DeadLetters {

    /**
     * One dead letter: the event and where it stands in its aggregate's sequence, with why it failed.
     *
     * @param sequence  the aggregate whose events queue behind it
     * @param index     its place in that queue (lower first)
     * @param position  the event's global position, when it came from the event store
     */
    public record Letter(String group, String sequence, long index, String eventId, String payloadType,
                         String aggregateId, Long sequenceNumber, Long position, String enqueuedAt,
                         String lastTouched, String causeType, String causeMessage) {
    }

    public record Retried(String group, String sequence, boolean processed, long remaining) {
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final Set<String> groups;

    public DeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc, TransactionManager transactions,
                       DeadLetterSettings settings) {
        this.processing = processing;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.groups = Set.copyOf(settings.groups());
    }

    public List<Letter> list(String group, int limit) {
        return jdbc.query("""
                                  SELECT processing_group, sequence_identifier, sequence_index, event_identifier,
                                         payload_type, aggregate_identifier, sequence_number, token_type, token,
                                         enqueued_at, last_touched, cause_type, cause_message,
                                         (SELECT e.global_index FROM eventstore.domain_event_entry e
                                          WHERE e.event_identifier = d.event_identifier) AS position
                                  FROM eventstore.dead_letter_entry d
                                  WHERE ?::text IS NULL OR processing_group = ?
                                  ORDER BY processing_group, sequence_identifier, sequence_index
                                  LIMIT ?""",
                          (rs, i) -> new Letter(rs.getString("processing_group"), rs.getString("sequence_identifier"),
                                                rs.getLong("sequence_index"), rs.getString("event_identifier"),
                                                rs.getString("payload_type"), rs.getString("aggregate_identifier"),
                                                (Long) rs.getObject("sequence_number"), (Long) rs.getObject("position"),
                                                rs.getString("enqueued_at"), rs.getString("last_touched"),
                                                rs.getString("cause_type"), rs.getString("cause_message")),
                          group, group, limit);
    }

    /** Dead letters per group, for status and metrics. */
    public long count(String group) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM eventstore.dead_letter_entry WHERE processing_group = ?",
                                         Long.class, group);
        return count == null ? 0 : count;
    }

    /**
     * Applies the sequence's letters again, in order, each in a transaction of its own: one that succeeds leaves
     * the queue, the first that fails stays with its new cause and the rest stay behind it. Axon's own
     * {@code SequencedDeadLetterProcessor} handles a letter inside the transaction that also requeues it, which
     * PostgreSQL has aborted by then when the failure was the database's.
     */
    public Retried retry(String group, String sequence) {
        requireKnown(group, sequence);
        List<EventMessageHandler> handlers = handlers(group);
        boolean processed = queue(group).process(letter -> sequence.equals(sequenceOf(letter)), letter -> {
            UnitOfWork<? extends EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(letter.message());
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                for (EventMessageHandler handler : handlers) {
                    if (handler.canHandle(letter.message())) {
                        handler.handle(letter.message());
                    }
                }
                return null;
            });
            return result.isExceptional()
                    ? Decisions.requeue(DeadLetterPolicy.storable(result.exceptionResult()))
                    : Decisions.evict();
        });
        return new Retried(group, sequence, processed, queue(group).sequenceSize(sequence));
    }

    private List<EventMessageHandler> handlers(String group) {
        EventProcessor processor = processing.eventProcessorByProcessingGroup(group).orElseThrow();
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(((AbstractEventProcessor) processor).eventHandlerInvoker(), handlers);
        return handlers;
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        } else if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        }
    }

    public long evict(String group, String sequence) {
        requireKnown(group, sequence);
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        letters.forEach(queue::evict);
        return letters.size();
    }

    public boolean runsHere(String group) {
        return groups.contains(group);
    }

    private void requireKnown(String group, String sequence) {
        if (!runsHere(group)) {
            throw new NoSuchElementException("no processing group " + group + " with dead letters in this app");
        }
        if (!queue(group).contains(sequence)) {
            throw new NoSuchElementException("no dead letters of " + sequence + " in " + group);
        }
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow();
    }

    /** The queue is sequenced per aggregate (Axon's default policy): an event's sequence is its aggregate. */
    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }
}
