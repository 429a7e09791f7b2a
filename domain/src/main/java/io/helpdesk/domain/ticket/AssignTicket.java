package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives the ticket to an agent, optionally within a team. */
public record AssignTicket(@TargetAggregateIdentifier TicketId ticketId, String assignee, String team) {

    public AssignTicket {
        Require.present(ticketId, "ticketId");
        Require.text(assignee, "assignee", 200);
        team = Require.optionalText(team, "team", 200);
    }
}
