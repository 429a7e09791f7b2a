package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the ticket for good. */
public record CloseTicket(@TargetAggregateIdentifier TicketId ticketId, String closedBy) {

    public CloseTicket {
        Require.present(ticketId, "ticketId");
        Require.text(closedBy, "closedBy", 200);
    }
}
