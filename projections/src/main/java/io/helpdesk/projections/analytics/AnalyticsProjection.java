package io.helpdesk.projections.analytics;

import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
import io.helpdesk.domain.handoff.HandoffCancelled;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffExpired;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftKind;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketUnassigned;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One fact row per ticket and per handoff, from which every analytics figure is computed by SQL. Times are
 * event timestamps, so rebuilding from history gives the same figures.
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP)
public class AnalyticsProjection extends Projection {

    public static final String GROUP = "analytics";

    private final BatchingJdbcTemplate jdbc;

    public AnalyticsProjection(BatchingJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        jdbc.updateRow(new Row("ticket_fact", event.ticketId()), """
                        INSERT INTO readmodel.ticket_fact (ticket_id, customer_email, channel, priority, created_at)
                        VALUES (?, ?, ?, ?, ?)""",
                    event.ticketId(), event.customerEmail(), event.channel().name(), event.priority().name(), utc(at));
    }

    @EventHandler
    void on(TicketAssigned event) {
        set(event.ticketId(), "team = ?, agent = ?", event.team(), event.assignee());
    }

    @EventHandler
    void on(TicketUnassigned event) {
        set(event.ticketId(), "team = NULL, agent = NULL");
    }

    @EventHandler
    void on(TicketPriorityChanged event) {
        set(event.ticketId(), "priority = ?", event.to().name());
    }

    @EventHandler
    void on(TicketCategorized event) {
        set(event.ticketId(), "category = ?", event.category());
    }

    @EventHandler
    void on(AgentReplied event, @Timestamp Instant at) {
        if (event.firstResponse()) {
            set(event.ticketId(), "first_response_at = ?, first_response_agent = ?", utc(at), event.agentId());
        }
    }

    @EventHandler
    void on(TicketResolved event, @Timestamp Instant at) {
        set(event.ticketId(), "resolved_at = ?, resolved_by = ?", utc(at), event.actor());
    }

    @EventHandler
    void on(TicketReopened event) {
        set(event.ticketId(), "resolved_at = NULL, resolved_by = NULL, reopened = reopened + 1");
    }

    @EventHandler
    void on(TicketClosed event, @Timestamp Instant at) {
        set(event.ticketId(), "closed_at = ?", utc(at));
    }

    @EventHandler
    void on(SatisfactionRated event) {
        set(event.ticketId(), "csat = ?", event.score());
    }

    @EventHandler
    void on(SlaBreached event) {
        set(event.ticketId(), "sla_breaches = sla_breaches + 1");
    }

    @EventHandler
    void on(DraftProposed event) {
        if (event.kind() == DraftKind.BOT_REPLY) {
            set(event.ticketId(), "bot_drafts = bot_drafts + 1");
        }
    }

    @EventHandler
    void on(DraftEdited event) {
        set(event.ticketId(), "bot_drafts_edited = bot_drafts_edited + 1");
    }

    @EventHandler
    void on(DraftSent event) {
        set(event.ticketId(), "bot_drafts_sent = bot_drafts_sent + 1");
    }

    @EventHandler
    void on(HandoffRequested event, @Timestamp Instant at) {
        jdbc.updateRow(new Row("handoff_fact", event.handoffId()), """
                        INSERT INTO readmodel.handoff_fact (handoff_id, ticket_id, requester_kind, to_agent, to_team,
                            requested_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                    event.handoffId(), event.ticketId(), event.requesterKind().name(), event.toAgent(),
                    event.toTeam(), utc(at));
    }

    @EventHandler
    void on(HandoffAccepted event, @Timestamp Instant at) {
        answer(event.handoffId(), "ACCEPTED", at, event.acceptedBy());
    }

    @EventHandler
    void on(HandoffDeclined event, @Timestamp Instant at) {
        answer(event.handoffId(), "DECLINED", at, event.declinedBy());
    }

    @EventHandler
    void on(HandoffCancelled event, @Timestamp Instant at) {
        answer(event.handoffId(), "CANCELLED", at, event.cancelledBy());
    }

    @EventHandler
    void on(HandoffExpired event, @Timestamp Instant at) {
        answer(event.handoffId(), "EXPIRED", at, null);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.ticket_fact");
        jdbc.update("DELETE FROM readmodel.handoff_fact");
    }

    private void answer(String handoffId, String outcome, Instant at, String by) {
        jdbc.updateRow(new Row("handoff_fact", handoffId), """
                               UPDATE readmodel.handoff_fact SET outcome = ?, answered_at = ?, answered_by = ?
                               WHERE handoff_id = ?""",
                       outcome, utc(at), by, handoffId);
    }

    private void set(String ticketId, String assignments, Object... values) {
        Object[] args = new Object[values.length + 1];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = ticketId;
        jdbc.updateRow(new Row("ticket_fact", ticketId), "UPDATE readmodel.ticket_fact SET " + assignments
                + " WHERE ticket_id = ?", args);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
