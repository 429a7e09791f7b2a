package io.helpdesk.domain.ticket;

import java.time.Instant;
import java.util.List;

public record ReplyScheduled(String ticketId, String scheduleId, String agentId, String body, Instant at,
                             List<Attachment> attachments) implements TicketEvent {

    public ReplyScheduled {
        attachments = Attachment.of(attachments);
    }
}
