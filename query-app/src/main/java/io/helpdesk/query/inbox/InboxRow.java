package io.helpdesk.query.inbox;

import io.r2dbc.spi.Readable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A ticket as the inbox and the ticket header show it. {@code slaDueAt}: the earliest running SLA deadline. */
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
        String category,
        List<String> tags,
        Instant openedAt,
        Instant lastActivityAt,
        Instant firstResponseAt,
        int replyCount,
        Instant slaDueAt) {

    static final Instant NO_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private static final String COLUMNS = """
            SELECT t.ticket_id, t.subject, t.customer_email, t.customer_name, t.channel, t.priority, t.status,
                   t.assignee, t.team, t.category, t.tags, t.opened_at, t.last_activity_at, t.first_response_at,
                   t.reply_count,""";

    private static final String DUE_PER_ROW = """
                   COALESCE((SELECT min(c.due_at) FROM readmodel.sla_clock c
                             WHERE c.ticket_id = t.ticket_id AND c.outcome IS NULL AND NOT c.paused),
                            '9999-12-31T00:00:00Z'::timestamptz) AS sla_due_at""";

    private static final String FROM = "\nFROM readmodel.inbox_ticket t";

    /** Rows with their earliest running deadline looked up per row: for pages that are not ordered by it. */
    static final String SELECT = COLUMNS + DUE_PER_ROW + FROM;

    /** {@link #SELECT} with more columns after the row's own. */
    static String selectWith(String columns) {
        return COLUMNS + DUE_PER_ROW + ",\n" + columns + FROM;
    }

    /**
     * Rows with their earliest running deadline from one pass over the running clocks, for an SLA-ordered page
     * that the earliest deadlines cannot settle: ordering by the deadline then needs it for every ticket that
     * matches, and one grouped scan of the running clocks' index costs less than a lookup per ticket.
     */
    static final String SELECT_WITH_ALL_DEADLINES = COLUMNS + """
                   COALESCE(d.due_at, '9999-12-31T00:00:00Z'::timestamptz) AS sla_due_at
            FROM readmodel.inbox_ticket t
            LEFT JOIN (SELECT c.ticket_id, min(c.due_at) AS due_at FROM readmodel.sla_clock c
                       WHERE c.outcome IS NULL AND NOT c.paused GROUP BY c.ticket_id) d ON d.ticket_id = t.ticket_id""";

    /**
     * The first {@code candidates} tickets in the SLA order (after the cursor's key {@code :k1, :k2, :k3} when
     * {@code after}), read from the head of the running clocks' index in (deadline, priority, ticket) order,
     * each ticket at its earliest clock, joined to their rows. The planner cannot know that nearly every
     * running clock belongs to an open ticket, and left to itself reads and sorts every open ticket. The walk's
     * length is part of the statement rather than a parameter, whose generic plan guesses a tenth of the
     * clocks and starts a parallel worker for them.
     */
    static String earliestDeadlines(boolean after, int candidates) {
        return COLUMNS + """
                       c.due_at AS sla_due_at
                FROM (SELECT c.ticket_id, c.due_at FROM readmodel.sla_clock c
                      WHERE c.outcome IS NULL AND NOT c.paused AND c.due_at IS NOT NULL%s
                        AND NOT EXISTS (SELECT 1 FROM readmodel.sla_clock e
                                        WHERE e.ticket_id = c.ticket_id AND e.outcome IS NULL AND NOT e.paused
                                          AND (e.due_at < c.due_at OR e.due_at = c.due_at
                                               AND (e.target, e.cycle) < (c.target, c.cycle)))
                      ORDER BY c.due_at, c.priority, c.ticket_id LIMIT %d) c
                JOIN readmodel.inbox_ticket t ON t.ticket_id = c.ticket_id"""
                .formatted(after ? " AND (c.due_at, c.priority, c.ticket_id) > (:k1, :k2, :k3)" : "", candidates);
    }

    static InboxRow read(Readable row) {
        String[] tags = row.get("tags", String[].class);
        Instant due = instant(row.get("sla_due_at", OffsetDateTime.class));
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
                row.get("category", String.class),
                tags == null ? List.of() : List.of(tags),
                instant(row.get("opened_at", OffsetDateTime.class)),
                instant(row.get("last_activity_at", OffsetDateTime.class)),
                instant(row.get("first_response_at", OffsetDateTime.class)),
                row.get("reply_count", Integer.class),
                NO_DUE.equals(due) ? null : due);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
