package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the ticket back in the unassigned queue. */
public record UnassignTicket(@TargetAggregateIdentifier TicketId ticketId, String actor) {

    public UnassignTicket {
        Require.present(ticketId, "ticketId");
        Require.text(actor, "actor", 200);
    }
}
