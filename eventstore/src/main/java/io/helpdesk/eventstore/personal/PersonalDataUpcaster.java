package io.helpdesk.eventstore.personal;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Decrypts the personal fields of every event read (aggregates loading, processors streaming, exports of the
 * history), before any other upcaster sees it; a field whose subject was erased reads as its placeholder. It
 * changes no event's type or revision.
 */
public class PersonalDataUpcaster extends SingleEventUpcaster {

    private final PersonalData personal;

    public PersonalDataUpcaster(PersonalData personal) {
        this.personal = personal;
    }

    private static final java.util.Set<String> ERASURES = java.util.Set.of(
            io.helpdesk.domain.ticket.TicketErased.class.getName(),
            io.helpdesk.domain.contact.ContactErased.class.getName());

    /**
     * Also: an erasure read here (a processor streaming it, an aggregate loading) makes this process forget the
     * erased subject's key at once, where it had it cached; the key is gone from the store already.
     */
    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        if (ERASURES.contains(type)) {
            java.util.List<String> subjects = new java.util.ArrayList<>();
            representation.getAggregateIdentifier().ifPresent(subjects::add);
            // A contact's erasure names its identities' blocked-sender subjects too.
            representation.getData(JsonNode.class).getData().path("senders").forEach(s -> subjects.add(s.asText()));
            personal.keys().evict(subjects);
            return false;
        }
        return PersonalFields.any(type);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String aggregate = representation.getAggregateIdentifier().orElse(representation.getMessageIdentifier());
        return representation.upcastPayload(representation.getType(), JsonNode.class, payload -> {
            personal.open(representation.getType().getName(), aggregate, payload);
            return payload;
        });
    }
}
