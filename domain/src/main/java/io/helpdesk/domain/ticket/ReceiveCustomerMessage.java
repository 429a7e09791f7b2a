package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A further message from the customer; idempotent by the provider's message id. */
public record ReceiveCustomerMessage(@TargetAggregateIdentifier TicketId ticketId, String externalMessageId, String body) {

    public ReceiveCustomerMessage {
        Require.present(ticketId, "ticketId");
        Require.text(externalMessageId, "externalMessageId", 500);
        Require.text(body, "body", 100_000);
    }
}
