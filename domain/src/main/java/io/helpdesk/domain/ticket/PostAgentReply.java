package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent answers the customer. */
public record PostAgentReply(@TargetAggregateIdentifier TicketId ticketId, String agentId, String body) {

    public PostAgentReply {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId", 200);
        Require.text(body, "body", 100_000);
    }
}
