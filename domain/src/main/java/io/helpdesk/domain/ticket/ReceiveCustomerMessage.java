package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A further message from the customer; idempotent by the provider's message id. */
public record ReceiveCustomerMessage(@TargetAggregateIdentifier TicketId ticketId, String externalMessageId, String body,
                                     String from) {

    public ReceiveCustomerMessage {
        Require.present(ticketId, "ticketId");
        Require.text(externalMessageId, "externalMessageId", 500);
        Require.text(body, "body", 100_000);
        Require.optionalText(from, "from", 500);
    }

    /** A message whose sender's address is the ticket's (the API's). */
    public ReceiveCustomerMessage(TicketId ticketId, String externalMessageId, String body) {
        this(ticketId, externalMessageId, body, null);
    }
}
