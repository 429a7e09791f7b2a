package io.helpdesk.domain.ticket;

import io.helpdesk.domain.contact.Contacts;
import org.axonframework.serialization.Revision;

/**
 * A ticket was opened by a customer's first message. {@code contactId}: the contact it belongs to (revision 2;
 * events written before contacts existed are read with the contact made for their customer's address, see
 * {@link Contacts#idFor}).
 */
@Revision("2")
public record TicketOpened(
        String ticketId,
        String customerEmail,
        String customerName,
        ContactChannel channel,
        String subject,
        String body,
        Integer importance,
        Priority priority,
        String externalMessageId,
        java.util.List<Attachment> attachments,
        String contactId) implements TicketEvent {

    public TicketOpened {
        attachments = Attachment.of(attachments);
        if (contactId == null && customerEmail != null) {
            contactId = Contacts.idFor(customerEmail);
        }
    }

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority, String externalMessageId,
                        java.util.List<Attachment> attachments) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, externalMessageId,
             attachments, null);
    }

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority, String externalMessageId) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, externalMessageId,
             null, null);
    }

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, null, null, null);
    }
}
