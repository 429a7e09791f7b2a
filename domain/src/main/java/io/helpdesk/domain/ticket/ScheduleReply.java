package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * A reply to be sent at {@code at}, as the agent wrote it; cancelled if the customer writes first (the agent is
 * told) or the ticket is closed.
 */
public record ScheduleReply(@TargetAggregateIdentifier TicketId ticketId, String scheduleId, String agentId,
                            String body, Instant at, List<Attachment> attachments) {

    public ScheduleReply {
        Require.present(ticketId, "ticketId");
        Require.text(scheduleId, "scheduleId", 64);
        Require.text(agentId, "agentId", 200);
        Require.text(body, "body", 100_000);
        Require.present(at, "at");
        attachments = Attachment.list(attachments, "attachments");
    }
}
