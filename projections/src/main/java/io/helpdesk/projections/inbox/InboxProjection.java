package io.helpdesk.projections.inbox;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.domain.ticket.TicketUntagged;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
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
import io.helpdesk.domain.ticket.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One row per ticket for the inbox. Writes through the processor's JDBC transaction, the same one that stores
 * its token, so each event is applied exactly once. Times come from the events, never the clock.
 */
@Component
@ProcessingGroup(InboxProjection.GROUP)
public class InboxProjection extends Projection {

    public static final String GROUP = "inbox";

    private final BatchingJdbcTemplate jdbc;
    private final ReadModelChanges changes;

    public InboxProjection(BatchingJdbcTemplate jdbc, ReadModelChanges changes) {
        super(jdbc);
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        write(event.ticketId(), """
                        INSERT INTO readmodel.inbox_ticket (ticket_id, subject, customer_email, customer_name,
                            channel, priority, status, opened_at, last_activity_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
              event.ticketId(), event.subject(), event.customerEmail(), event.customerName(),
              event.channel().name(), event.priority().name(), TicketStatus.OPEN.name(), utc(at), utc(at));
        changes.ticket(event.ticketId());
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
        changes.ticket(event.ticketId());
    }

    @EventHandler
    void on(CustomerMessageReceived event, @Timestamp Instant at) {
        touch(event.ticketId(), at);
    }

    @EventHandler
    void on(TicketMarkedPending event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.PENDING, at);
    }

    @EventHandler
    void on(TicketPutOnHold event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.ON_HOLD, at);
    }

    @EventHandler
    void on(TicketReturnedToOpen event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.OPEN, at);
    }

    @EventHandler
    void on(TicketResolved event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.RESOLVED, at);
    }

    @EventHandler
    void on(TicketReopened event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.OPEN, at);
    }

    @EventHandler
    void on(TicketClosed event, @Timestamp Instant at) {
        status(event.ticketId(), TicketStatus.CLOSED, at);
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

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.inbox_ticket");
    }

    private void write(String ticketId, String sql, Object... args) {
        jdbc.updateRow(new Row("inbox_ticket", ticketId), sql, args);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
