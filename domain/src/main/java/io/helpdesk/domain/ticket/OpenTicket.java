package io.helpdesk.domain.ticket;

import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A customer's first message on a channel opens a ticket. {@code importance} (0-10) is optional;
 * {@code externalMessageId} is the provider's id of that first message, when it came from one;
 * {@code attachments} the files that came with it (already in the attachment store); {@code contactId} the
 * customer's contact (by default the one made for their address, {@link Contacts#idFor}).
 */
public record OpenTicket(
        @TargetAggregateIdentifier TicketId ticketId,
        String customerEmail,
        String customerName,
        ContactChannel channel,
        String subject,
        String body,
        Integer importance,
        String externalMessageId,
        List<Attachment> attachments,
        String contactId) {

    public OpenTicket(TicketId ticketId, String customerEmail, String customerName, ContactChannel channel,
                      String subject, String body, Integer importance, String externalMessageId,
                      List<Attachment> attachments) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, externalMessageId,
             attachments, null);
    }

    /** A ticket opened by hand, not from a provider's message. */
    public OpenTicket(TicketId ticketId, String customerEmail, String customerName, ContactChannel channel,
                      String subject, String body, Integer importance) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, null, null, null);
    }

    public OpenTicket(TicketId ticketId, String customerEmail, String customerName, ContactChannel channel,
                      String subject, String body, Integer importance, String externalMessageId) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, externalMessageId, null,
             null);
    }

    public OpenTicket {
        Require.present(ticketId, "ticketId");
        Require.text(customerEmail, "customerEmail", 320);
        customerName = Require.optionalText(customerName, "customerName", 200);
        Require.present(channel, "channel");
        Require.text(subject, "subject", 500);
        Require.text(body, "body", 100_000);
        Priority.fromImportance(importance);
        externalMessageId = Require.optionalText(externalMessageId, "externalMessageId", 500);
        attachments = Attachment.list(attachments, "attachments");
        contactId = Require.optionalText(contactId, "contactId", 64);
        if (contactId == null) {
            contactId = Contacts.idFor(customerEmail);
        }
    }
}
