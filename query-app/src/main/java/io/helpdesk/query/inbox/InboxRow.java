package io.helpdesk.query.inbox;

import io.r2dbc.spi.Readable;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A ticket as the inbox and the ticket header show it. */
public record InboxRow(
        String ticketId,
        String subject,
        String customerEmail,
        String customerName,
        String channel,
        String priority,
        String status,
        String assignee,
        String team,
        Instant openedAt,
        Instant lastActivityAt,
        Instant firstResponseAt,
        int replyCount) {

    static final String COLUMNS = """
            ticket_id, subject, customer_email, customer_name, channel, priority, status, assignee, team,
            opened_at, last_activity_at, first_response_at, reply_count""";

    static InboxRow read(Readable row) {
        return new InboxRow(
                row.get("ticket_id", String.class),
                row.get("subject", String.class),
                row.get("customer_email", String.class),
                row.get("customer_name", String.class),
                row.get("channel", String.class),
                row.get("priority", String.class),
                row.get("status", String.class),
                row.get("assignee", String.class),
                row.get("team", String.class),
                instant(row.get("opened_at", OffsetDateTime.class)),
                instant(row.get("last_activity_at", OffsetDateTime.class)),
                instant(row.get("first_response_at", OffsetDateTime.class)),
                row.get("reply_count", Integer.class));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
