package io.helpdesk.query.inbox;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.domain.ticket.TicketUntagged;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.FieldsColumn;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketLinked;
import io.helpdesk.domain.ticket.TicketSnoozed;
import io.helpdesk.domain.ticket.TicketStatus;
import io.helpdesk.domain.ticket.TicketUnlinked;
import io.helpdesk.domain.ticket.TicketUnsnoozed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import io.helpdesk.domain.contact.ContactChanged;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.ContactMerged;
import io.helpdesk.domain.contact.ContactUnmerged;
import io.helpdesk.domain.ticket.MergedMessagesRemoved;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.MessagesSplitOff;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketMerged;
import io.helpdesk.domain.ticket.TicketUnmerged;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.projections.TicketSla;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One row per ticket for the inbox. Writes through the processor's JDBC transaction, the same one that stores
 * its token, so each event is applied exactly once. Times come from the events, never the clock. The earliest
 * running SLA deadline, which the queue sorts by, is worked out here from the events ({@link TicketSla}), not
 * read from the SLA read model.
 */
@Component
@ProcessingGroup(InboxProjection.GROUP)
public class InboxProjection extends Projection {

    public static final String GROUP = "inbox";

    /** The queue and the ticket view (the timeline is written by {@link TicketTimelineProjection}, same group). */
    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("inbox_ticket", "ticket_id"),
            ReadModel.Table.of("inbox_contact", "contact_id"),
            ReadModel.Table.of("ticket_timeline", "ticket_id, event_position")),
            "/api/inbox", "/api/tickets");

    /** Stored for a ticket without a running deadline, so that the SLA order puts it last. */
    public static final Instant NO_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final BatchingJdbcTemplate jdbc;
    private final ReadModelChanges changes;
    private final TicketSla sla;

    public InboxProjection(BatchingJdbcTemplate jdbc, ReadModelChanges changes, TicketSla sla) {
        super(jdbc);
        this.jdbc = jdbc;
        this.changes = changes;
        this.sla = sla;
    }

    @EventHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        TicketSla.Folded clocks = sla.apply(null, event, at);
        this.<TicketSla.Folded>batchCache().put(event.ticketId(), clocks);
        write(event.ticketId(), """
                        INSERT INTO readmodel.inbox_ticket (ticket_id, subject, customer_email, customer_name,
                            channel, priority, status, opened_at, last_activity_at, sla_state, sla_due_at, contact_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
              event.ticketId(), event.subject(), event.customerEmail(), event.customerName(),
              event.channel().name(), event.priority().name(), TicketStatus.OPEN.name(), utc(at), utc(at),
              sla.write(clocks), utc(due(clocks)), event.contactId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(SlaBreached event, @Timestamp Instant at) {
        clocks(event, at);
    }

    @EventHandler
    void on(TicketCategorized event, @Timestamp Instant at) {
        write(event.ticketId(),
              "UPDATE readmodel.inbox_ticket SET category = ?, last_activity_at = ? WHERE ticket_id = ?",
              event.category(), utc(at), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketTagged event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket
                        SET tags = ARRAY(SELECT DISTINCT unnest(tags || ?::text[]) ORDER BY 1), last_activity_at = ?
                        WHERE ticket_id = ?""",
              event.tags().toArray(String[]::new), utc(at), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketUntagged event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket
                        SET tags = ARRAY(SELECT unnest(tags) EXCEPT SELECT unnest(?::text[]) ORDER BY 1),
                            last_activity_at = ?
                        WHERE ticket_id = ?""",
              event.tags().toArray(String[]::new), utc(at), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketAssigned event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket SET assignee = ?, team = ?, last_activity_at = ?
                        WHERE ticket_id = ?""",
              event.assignee(), event.team(), utc(at), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(AgentReplied event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket
                        SET reply_count = reply_count + 1,
                            first_response_at = COALESCE(first_response_at, ?),
                            last_activity_at = ?
                        WHERE ticket_id = ?""",
              utc(at), utc(at), event.ticketId());
        clocks(event, at);
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketUnassigned event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket SET assignee = NULL, team = NULL, last_activity_at = ?
                        WHERE ticket_id = ?""",
              utc(at), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketPriorityChanged event, @Timestamp Instant at) {
        write(event.ticketId(),
              "UPDATE readmodel.inbox_ticket SET priority = ?, last_activity_at = ? WHERE ticket_id = ?",
              event.to().name(), utc(at), event.ticketId());
        clocks(event, at);
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(CustomerMessageReceived event, @Timestamp Instant at) {
        touch(event.ticketId(), at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketMarkedPending event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.PENDING, at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketPutOnHold event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.ON_HOLD, at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketReturnedToOpen event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.OPEN, at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketResolved event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.RESOLVED, at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketReopened event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.OPEN, at);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketLinked event) {
        link(event.ticketId(), event.otherTicketId(), event.kind().name());
    }

    @EventHandler
    void on(TicketUnlinked event) {
        unlink(event.ticketId(), event.otherTicketId());
    }

    /** A merge and a split link both tickets: MERGED_INTO / MERGED_FROM, SPLIT_TO / SPLIT_FROM. */
    @EventHandler
    void on(TicketMerged event) {
        link(event.ticketId(), event.into(), "MERGED_INTO");
    }

    @EventHandler
    void on(MessagesMoved event) {
        link(event.ticketId(), event.from(), MessagesMoved.MERGE.equals(event.reason()) ? "MERGED_FROM" : "SPLIT_FROM");
    }

    @EventHandler
    void on(MessagesSplitOff event) {
        link(event.ticketId(), event.to(), "SPLIT_TO");
    }

    @EventHandler
    void on(TicketUnmerged event) {
        unlink(event.ticketId(), event.from());
    }

    @EventHandler
    void on(MergedMessagesRemoved event) {
        unlink(event.ticketId(), event.from());
    }

    private void link(String ticketId, String otherTicketId, String kind) {
        write(ticketId, """
                        UPDATE readmodel.inbox_ticket
                        SET links = (SELECT COALESCE(jsonb_agg(l ORDER BY n), '[]'::jsonb)
                                     FROM jsonb_array_elements(links) WITH ORDINALITY AS e(l, n)
                                     WHERE l->>'ticketId' <> ?)
                                    || jsonb_build_array(jsonb_build_object('ticketId', ?::text, 'kind', ?::text))
                        WHERE ticket_id = ?""",
              otherTicketId, otherTicketId, kind, ticketId);
        changes.ticket(ticketId);
    }

    private void unlink(String ticketId, String otherTicketId) {
        write(ticketId, """
                        UPDATE readmodel.inbox_ticket
                        SET links = (SELECT COALESCE(jsonb_agg(l ORDER BY n), '[]'::jsonb)
                                     FROM jsonb_array_elements(links) WITH ORDINALITY AS e(l, n)
                                     WHERE l->>'ticketId' <> ?)
                        WHERE ticket_id = ?""",
              otherTicketId, ticketId);
        changes.ticket(ticketId);
    }

    @EventHandler
    void on(TicketSnoozed event) {
        write(event.ticketId(), "UPDATE readmodel.inbox_ticket SET snoozed = true, snoozed_until = ? WHERE ticket_id = ?",
              event.until() == null ? null : utc(event.until()), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketUnsnoozed event) {
        write(event.ticketId(),
              "UPDATE readmodel.inbox_ticket SET snoozed = false, snoozed_until = NULL WHERE ticket_id = ?",
              event.ticketId());
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(TicketClosed event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.CLOSED, at);
        clocks(event, at);
    }

    /**
     * Applies the event to the ticket's SLA clocks and stores them with the earliest running deadline, when
     * the event moved either. A ticket whose row has no clocks (none opened it here) is left alone.
     */
    private void clocks(TicketEvent event, Instant at) {
        String ticketId = event.ticketId();
        Map<String, TicketSla.Folded> seen = batchCache();
        TicketSla.Folded before = seen.containsKey(ticketId) ? seen.get(ticketId)
                // Only this method writes sla_state, and the row has no such write queued: nothing to send first.
                : jdbc.queryUnsent("SELECT sla_state FROM readmodel.inbox_ticket WHERE ticket_id = ?",
                                   (rs, i) -> sla.read(rs.getString(1)), ticketId).stream().findFirst().orElse(null);
        if (before == null) {
            return;
        }
        TicketSla.Folded after = sla.apply(before, event, at);
        seen.put(ticketId, after);
        if (!after.equals(before)) {
            write(ticketId, "UPDATE readmodel.inbox_ticket SET sla_state = ?, sla_due_at = ? WHERE ticket_id = ?",
                  sla.write(after), utc(due(after)), ticketId);
        }
    }

    private static Instant due(TicketSla.Folded clocks) {
        Instant due = clocks.earliestDue();
        return due == null ? NO_DUE : due;
    }

    private void status(String ticketId, TicketStatus status, Instant at) {
        write(ticketId, "UPDATE readmodel.inbox_ticket SET status = ?, last_activity_at = ? WHERE ticket_id = ?",
              status.name(), utc(at), ticketId);
        changes.ticket(ticketId);
    }

    private void touch(String ticketId, Instant at) {
        write(ticketId, "UPDATE readmodel.inbox_ticket SET last_activity_at = ? WHERE ticket_id = ?", utc(at),
              ticketId);
        changes.ticket(ticketId);
    }

    /*
     * Each contact's own organization and merge, for the organization filter. Only a contact's own events write
     * its row, and no ticket row is written from them: segments of the processor run side by side, and a write
     * across aggregates would depend on which segment got there first.
     */

    @EventHandler
    void on(ContactCreated event) {
        contact(event.contactId(), """
                        INSERT INTO readmodel.inbox_contact (contact_id, organization_id) VALUES (?, ?)
                        ON CONFLICT (contact_id) DO NOTHING""",
                event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(ContactChanged event) {
        contact(event.contactId(), "UPDATE readmodel.inbox_contact SET organization_id = ? WHERE contact_id = ?",
                event.organizationId(), event.contactId());
    }

    @EventHandler
    void on(ContactMerged event) {
        contact(event.contactId(), "UPDATE readmodel.inbox_contact SET merged_into = ? WHERE contact_id = ?",
                event.into(), event.contactId());
    }

    @EventHandler
    void on(ContactUnmerged event) {
        contact(event.contactId(), "UPDATE readmodel.inbox_contact SET merged_into = NULL WHERE contact_id = ?",
                event.contactId());
    }

    private void contact(String contactId, String sql, Object... args) {
        jdbc.updateRow(new Row("inbox_contact", contactId), sql, args);
    }

    /** The customer's name, address and the subject read as erased, as the ticket's events now do. */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketErased event) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket
                        SET customer_email = ?, subject = ?, fields = '{}',
                            customer_name = CASE WHEN customer_name IS NULL THEN NULL ELSE ? END
                        WHERE ticket_id = ?""",
              ERASED, ERASED, ERASED, event.ticketId());
        changes.ticket(event.ticketId());
    }

    private static final String ERASED = io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED;

    /** Custom fields' values: the changed ones replace theirs, a cleared one (null) goes. */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketFieldsSet event) {
        write(event.ticketId(), """
                        UPDATE readmodel.inbox_ticket SET fields = jsonb_strip_nulls(fields || ?::jsonb)
                        WHERE ticket_id = ?""",
              FieldsColumn.json(event.values()), event.ticketId());
        changes.ticket(event.ticketId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.inbox_ticket");
        jdbc.update("DELETE FROM readmodel.inbox_contact");
    }

    private void write(String ticketId, String sql, Object... args) {
        jdbc.updateRow(new Row("inbox_ticket", ticketId), sql, args);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
