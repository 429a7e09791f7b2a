package io.helpdesk.query.inbox;

import io.helpdesk.query.inbox.InboxProjection;
import io.r2dbc.spi.Readable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A ticket as the inbox and the ticket header show it. {@code slaDueAt}: the earliest running SLA deadline;
 * {@code snoozedUntil}: when a snoozed ticket comes back (null while {@code snoozed}: when the customer writes);
 * {@code contactId}: the contact the ticket was opened for; {@code organizationId}: that contact's organization (of
 * the contact it was merged into, when it was).
 */
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
        Instant slaDueAt,
        boolean snoozed,
        Instant snoozedUntil,
        String contactId,
        String organizationId,
        @io.swagger.v3.oas.annotations.media.Schema(
                description = "Custom fields' values, by field key: a text, a number as its decimal text, a date, "
                        + "an option's id, a list of option ids, true or false")
        java.util.Map<String, Object> fields) {

    static final Instant NO_DUE = InboxProjection.NO_DUE;

    /**
     * The contacts whose tickets are the organization's (named {@code :organizationId}): its contacts, and down
     * every chain of merges the contacts merged into them. A ticket's organization is its contact's, or that of
     * the contact at the end of its chain of merges.
     */
    static final String OF_ORGANIZATION = """
            contact_id IN (WITH RECURSIVE family (contact_id, depth) AS (
                               SELECT contact_id, 0 FROM readmodel.inbox_contact
                               WHERE organization_id = :organizationId AND merged_into IS NULL
                               UNION ALL
                               SELECT c.contact_id, f.depth + 1 FROM readmodel.inbox_contact c
                               JOIN family f ON c.merged_into = f.contact_id WHERE f.depth < 100)
                           SELECT contact_id FROM family)""";

    private static final String COLUMNS = """
            SELECT t.ticket_id, t.subject, t.customer_email, t.customer_name, t.channel, t.priority, t.status,
                   t.assignee, t.team, t.category, t.tags, t.opened_at, t.last_activity_at, t.first_response_at,
                   t.reply_count, t.snoozed, t.snoozed_until, t.contact_id, t.fields, t.fields::text AS fields_text,
                   (WITH RECURSIVE up (organization_id, merged_into, depth) AS (
                        SELECT organization_id, merged_into, 0 FROM readmodel.inbox_contact WHERE contact_id = t.contact_id
                        UNION ALL
                        SELECT c.organization_id, c.merged_into, u.depth + 1 FROM readmodel.inbox_contact c
                        JOIN up u ON c.contact_id = u.merged_into WHERE u.depth < 100)
                    SELECT organization_id FROM up ORDER BY depth DESC LIMIT 1) AS organization_id,""";

    private static final String DUE = """
                   t.sla_due_at""";

    private static final String FROM = "\nFROM readmodel.inbox_ticket t";

    /**
     * Rows with their earliest running SLA deadline, which the inbox works out itself from the events
     * ({@code InboxProjection}); {@link #NO_DUE} when none runs.
     */
    static final String SELECT = COLUMNS + DUE + FROM;

    /** {@link #SELECT} with more columns after the row's own. */
    static String selectWith(String columns) {
        return COLUMNS + DUE + ",\n" + columns + FROM;
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
                NO_DUE.equals(due) ? null : due,
                Boolean.TRUE.equals(row.get("snoozed", Boolean.class)),
                instant(row.get("snoozed_until", OffsetDateTime.class)),
                row.get("contact_id", String.class),
                row.get("organization_id", String.class),
                io.helpdesk.query.web.FieldsJson.parse(row.get("fields_text", String.class)));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
