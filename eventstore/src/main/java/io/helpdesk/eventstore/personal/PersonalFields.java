package io.helpdesk.eventstore.personal;

import io.helpdesk.domain.contact.ContactAbsorbed;
import io.helpdesk.domain.contact.ContactChanged;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.ContactIdentityAdded;
import io.helpdesk.domain.contact.ContactIdentityRemoved;
import io.helpdesk.domain.contact.ContactMerged;
import io.helpdesk.domain.contact.ContactReleased;
import io.helpdesk.domain.contact.ContactUnmerged;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.ReplyDeliveryFailed;
import io.helpdesk.domain.ticket.ReplyScheduled;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.TicketAlertRaised;
import io.helpdesk.domain.ticket.TicketMarkedSpam;
import io.helpdesk.domain.ticket.TicketMerged;
import io.helpdesk.domain.ticket.TicketOpened;

import java.util.List;
import java.util.Map;

/**
 * Which fields of which events hold personal data: a customer's name and addresses, what they and the staff wrote
 * to or about them, their files' names and references, their ratings' comments. Each such field is stored
 * encrypted with the key of its subject: the ticket or contact the event belongs to, the ticket a moved message
 * came from, or the sender of a message set aside as blocked. Everything else (ids, times, statuses, who of the staff acted) stays readable, so the
 * history keeps its shape after an erasure.
 */
public final class PersonalFields {

    /**
     * @param json         the value is JSON (a list, or an object when {@code object}); its placeholder once erased
     *                     is an empty list (object), a text's is {@link #ERASED}
     * @param subjectField the field naming the subject whose key encrypts it; null for the event's aggregate
     */
    public record Field(String name, boolean json, String subjectField, boolean object) {

        public Field(String name, boolean json, String subjectField) {
            this(name, json, subjectField, false);
        }
    }

    /** What an erased text reads as. */
    public static final String ERASED = io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED;

    private static final Map<String, List<Field>> BY_TYPE = Map.ofEntries(
            fields(TicketOpened.class, text("customerEmail"), text("customerName"), text("subject"), text("body"),
                   json("attachments")),
            fields(CustomerMessageReceived.class, text("body"), text("from"), json("attachments")),
            fields(AgentReplied.class, text("body"), json("attachments")),
            fields(InternalNoteAdded.class, text("body"), json("attachments")),
            fields(DraftProposed.class, text("body")),
            fields(DraftEdited.class, text("body")),
            fields(ReplyScheduled.class, text("body"), json("attachments")),
            fields(ReplyDeliveryFailed.class, text("reason")),
            fields(SatisfactionRated.class, text("comment")),
            fields(TicketAlertRaised.class, text("text")),
            fields(TicketMarkedSpam.class, text("sender")),
            fields(TicketMerged.class, text("customer")),
            fields(MessagesMoved.class, new Field("messages", true, "from")),
            fields(io.helpdesk.domain.ticket.TicketFieldsSet.class, new Field("values", true, null, true)),
            fields(io.helpdesk.domain.block.InboundMessageBlocked.class, new Field("sender", false, "subjectId"),
                   new Field("subject", false, "subjectId"), new Field("excerpt", false, "subjectId")),
            fields(ContactCreated.class, text("name"), json("identities")),
            fields(ContactChanged.class, text("name")),
            fields(io.helpdesk.domain.contact.ContactFieldsSet.class, new Field("values", true, null, true)),
            fields(ContactIdentityAdded.class, text("identity")),
            fields(ContactIdentityRemoved.class, text("identity")),
            fields(ContactMerged.class, json("identities")),
            fields(ContactAbsorbed.class, json("identities")),
            fields(ContactUnmerged.class, json("identities")),
            fields(ContactReleased.class, json("identities")));

    private PersonalFields() {
    }

    /** The personal fields of events of this payload type (its class name); empty for others. */
    public static List<Field> of(String payloadType) {
        return BY_TYPE.getOrDefault(payloadType, List.of());
    }

    public static boolean any(String payloadType) {
        return BY_TYPE.containsKey(payloadType);
    }

    private static Field text(String name) {
        return new Field(name, false, null);
    }

    private static Field json(String name) {
        return new Field(name, true, null);
    }

    private static Map.Entry<String, List<Field>> fields(Class<?> type, Field... fields) {
        return Map.entry(type.getName(), List.of(fields));
    }
}
