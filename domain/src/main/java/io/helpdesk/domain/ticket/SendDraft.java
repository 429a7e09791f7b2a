package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The active draft goes out as the agent's reply. */
public record SendDraft(@TargetAggregateIdentifier TicketId ticketId, String agentId) {

    public SendDraft {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId", 200);
    }
}
