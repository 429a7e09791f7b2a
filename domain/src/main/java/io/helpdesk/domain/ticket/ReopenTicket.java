package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReopenTicket(@TargetAggregateIdentifier TicketId ticketId, String reason, String actor) {

    public ReopenTicket {
        Require.present(ticketId, "ticketId");
        Require.text(reason, "reason", 1000);
        Require.text(actor, "actor", 200);
    }
}
