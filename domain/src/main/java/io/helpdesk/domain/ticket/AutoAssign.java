package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Routing gives the queued ticket to {@code agent}: refused when someone has it already or it is not open. */
public record AutoAssign(@TargetAggregateIdentifier TicketId ticketId, String agent, String team) {

    public AutoAssign {
        Require.present(ticketId, "ticketId");
        Require.text(agent, "agent", 200);
        Require.text(team, "team", 200);
    }
}
