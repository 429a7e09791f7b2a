package io.helpdesk.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.ticket.TicketOpened;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link TicketOpened} before revision 2 named its customer only by address. Read now, it names the contact made
 * for that address ({@link Contacts#idFor}, the id command-app gives it when it makes the contact), so old
 * tickets belong to contacts like new ones. The stored row is never changed: the audit chain still covers it.
 */
public class TicketOpenedContactUpcaster extends SingleEventUpcaster {

    static final String TYPE = TicketOpened.class.getName();
    static final String REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, REVISION), JsonNode.class, payload -> {
            if (payload instanceof ObjectNode fields && !fields.hasNonNull("contactId")) {
                JsonNode customer = fields.get("customerEmail");
                if (customer != null && customer.isTextual()) {
                    fields.put("contactId", Contacts.idFor(customer.asText()));
                }
            }
            return payload;
        });
    }
}
