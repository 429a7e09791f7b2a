package io.helpdesk.query.readmodels;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a history into the event store with the timestamps a test chooses, as command-app would have
 * written it at those moments, so that read-model figures can be worked out by hand.
 */
public final class History {

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant now;

    public History(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public History at(String instant) {
        now = Instant.parse(instant);
        return this;
    }

    public History ticket(String id, Object... events) {
        return append("Ticket", id, events);
    }

    public History handoff(String id, Object... events) {
        return append("Handoff", id, events);
    }

    public History channel(String id, Object... events) {
        return append("Channel", id, events);
    }

    public History contact(String id, Object... events) {
        return append("Contact", id, events);
    }

    public History organization(String id, Object... events) {
        return append("Organization", id, events);
    }

    public History field(String key, Object... events) {
        return append("FieldDefinition", key, events);
    }

    private History append(String type, String id, Object... events) {
        for (Object event : events) {
            long sequence = sequences.merge(id, 1L, Long::sum) - 1;
            eventStore.publish(List.of(new GenericDomainEventMessage<>(type, id, sequence, event,
                                                                      Map.of("user", "test", "correlationId",
                                                                             "corr-" + id + "-" + sequence),
                                                                      UUID.randomUUID().toString(), now)));
        }
        return this;
    }
}
