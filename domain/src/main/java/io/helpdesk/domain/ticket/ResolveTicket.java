package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResolveTicket(@TargetAggregateIdentifier TicketId ticketId, String resolution, String actor) {

    public ResolveTicket {
        Require.present(ticketId, "ticketId");
        Require.text(resolution, "resolution", 10_000);
        Require.text(actor, "actor", 200);
    }
}
