package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A further message from the customer, with its files; idempotent by the provider's message id. */
public record ReceiveCustomerMessage(@TargetAggregateIdentifier TicketId ticketId, String externalMessageId, String body,
                                     String from, List<Attachment> attachments) {

    public ReceiveCustomerMessage {
        Require.present(ticketId, "ticketId");
        Require.text(externalMessageId, "externalMessageId", 500);
        Require.text(body, "body", 100_000);
        Require.optionalText(from, "from", 500);
        attachments = Attachment.list(attachments, "attachments");
    }

    public ReceiveCustomerMessage(TicketId ticketId, String externalMessageId, String body, String from) {
        this(ticketId, externalMessageId, body, from, null);
    }

    /** A message whose sender's address is the ticket's (the API's). */
    public ReceiveCustomerMessage(TicketId ticketId, String externalMessageId, String body) {
        this(ticketId, externalMessageId, body, null, null);
    }
}
