package io.helpdesk.domain.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A message of one ticket shown on another (merged into it, or split off to it), as it was first recorded:
 * its event's id and global position (which place it among the other ticket's lines), its time, its kind
 * (OPENED, CUSTOMER_MESSAGE, AGENT_REPLY or NOTE), who wrote it, its text and its files.
 */
public record MovedMessage(String eventId, long position, Instant at, String kind, String actor, String body,
                           List<Attachment> attachments) {

    public MovedMessage {
        attachments = Attachment.of(attachments);
    }
}
