package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** An agent answers the customer, with files (already in the attachment store) when given. */
public record PostAgentReply(@TargetAggregateIdentifier TicketId ticketId, String agentId, String body,
                             List<Attachment> attachments) {

    public PostAgentReply {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId", 200);
        Require.text(body, "body", 100_000);
        attachments = Attachment.list(attachments, "attachments");
    }

    public PostAgentReply(TicketId ticketId, String agentId, String body) {
        this(ticketId, agentId, body, null);
    }
}
