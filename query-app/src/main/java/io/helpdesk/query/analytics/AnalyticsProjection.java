package io.helpdesk.query.analytics;

import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.FieldsColumn;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.query.analytics.TicketFact.Column;
import io.helpdesk.query.analytics.TicketFact.Counter;
import io.helpdesk.domain.handoff.HandoffCancelled;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffExpired;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftKind;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.ReplyDelivered;
import io.helpdesk.domain.ticket.ReplyDeliveryFailed;
import io.helpdesk.domain.ticket.ReplyDispatched;
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
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.projections.TicketSla;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One fact row per ticket and per handoff, from which every analytics figure is computed by SQL. Times are
 * event timestamps, so rebuilding from history gives the same figures. A batch's events on one ticket build one
 * write of its row ({@link TicketFact}): a replay's batches hold most of a ticket's life, which is one insert.
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP)
public class AnalyticsProjection extends Projection {

    public static final String GROUP = "analytics";

    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("ticket_fact", "ticket_id"),
            ReadModel.Table.of("handoff_fact", "handoff_id"),
            ReadModel.Table.of("reply_fact", "reply_id"),
            ReadModel.Table.of("analytics_contact", "contact_id"),
            ReadModel.Table.of("analytics_organization", "organization_id"),
            ReadModel.Table.of("analytics_field", "key")),
            "/api/analytics");

    private final BatchingJdbcTemplate jdbc;
    private final TicketSla sla;

    public AnalyticsProjection(BatchingJdbcTemplate jdbc, TicketSla sla) {
        super(jdbc);
        this.jdbc = jdbc;
        this.sla = sla;
    }

    @EventHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        fact(event.ticketId()).open(event.customerEmail(), event.contactId(), event.channel().name(), utc(at))
                              .set(Column.PRIORITY, event.priority().name());
        clocks(event.ticketId(), sla.apply(null, event, at));
    }

    @EventHandler
    void on(CustomerMessageReceived event, @Timestamp Instant at) {
        clocks(event, at);
    }

    @EventHandler
    void on(TicketMarkedPending event, @Timestamp Instant at) {
        clocks(event, at);
    }

    @EventHandler
    void on(TicketPutOnHold event, @Timestamp Instant at) {
        clocks(event, at);
    }

    @EventHandler
    void on(TicketReturnedToOpen event, @Timestamp Instant at) {
        clocks(event, at);
    }

    /**
     * Applies the event to the ticket's SLA clocks, kept in its fact row: whether a promise was missed is
     * worked out here from the events ({@link TicketSla}), not read from the SLA read model.
     */
    private void clocks(TicketEvent event, Instant at) {
        // The clocks as this batch left them: kept beside the row's change, since another write of the row (a
        // field set, an erasure) closes that change while its clocks are still queued, unsent.
        Map<String, TicketSla.Folded> folded = batchCache();
        TicketSla.Folded before = folded.get(event.ticketId());
        if (before == null) {
            TicketFact open = jdbc.openChange(new Row("ticket_fact", event.ticketId()));
            if (open != null && open.opened()) {
                return;
            }
            // Only this projection's clock changes write sla_state, and this batch has none for the row yet.
            before = jdbc.queryUnsent("SELECT sla_state FROM readmodel.ticket_fact WHERE ticket_id = ?",
                                      (rs, i) -> sla.read(rs.getString(1)), event.ticketId())
                         .stream().findFirst().orElse(null);
            if (before == null) {
                return;
            }
        }
        clocks(event.ticketId(), sla.apply(before, event, at));
    }

    private void clocks(String ticketId, TicketSla.Folded after) {
        this.<TicketSla.Folded>batchCache().put(ticketId, after);
        fact(ticketId).clocks(after, sla::write);
    }

    @EventHandler
    void on(TicketAssigned event) {
        fact(event.ticketId()).set(Column.TEAM, event.team()).set(Column.AGENT, event.assignee());
    }

    @EventHandler
    void on(TicketUnassigned event) {
        fact(event.ticketId()).set(Column.TEAM, null).set(Column.AGENT, null);
    }

    @EventHandler
    void on(TicketPriorityChanged event, @Timestamp Instant at) {
        fact(event.ticketId()).set(Column.PRIORITY, event.to().name());
        clocks(event, at);
    }

    @EventHandler
    void on(TicketCategorized event) {
        fact(event.ticketId()).set(Column.CATEGORY, event.category());
    }

    @EventHandler
    void on(AgentReplied event, @Timestamp Instant at, @MessageIdentifier String replyId) {
        if (event.firstResponse()) {
            fact(event.ticketId()).set(Column.FIRST_RESPONSE_AT, utc(at))
                                  .set(Column.FIRST_RESPONSE_AGENT, event.agentId());
        }
        clocks(event, at);
        jdbc.updateRow(new Row("reply_fact", replyId), """
                               INSERT INTO readmodel.reply_fact (reply_id, ticket_id, agent, replied_at)
                               VALUES (?, ?, ?, ?)""", replyId, event.ticketId(), event.agentId(), utc(at));
    }

    /** What became of a reply: the furthest its delivery got (SENT, DELIVERED, READ) or FAILED, and why. */
    @EventHandler
    void on(ReplyDispatched event) {
        delivery(event.replyId(), "SENT", null);
    }

    @EventHandler
    void on(ReplyDelivered event) {
        delivery(event.replyId(), event.read() ? "READ" : "DELIVERED", null);
    }

    @EventHandler
    void on(ReplyDeliveryFailed event) {
        delivery(event.replyId(), "FAILED", event.reason());
    }

    private void delivery(String replyId, String state, String failure) {
        jdbc.updateRow(new Row("reply_fact", replyId),
                       "UPDATE readmodel.reply_fact SET delivery = ?, failure = ? WHERE reply_id = ?",
                       state, failure, replyId);
    }

    @EventHandler
    void on(TicketResolved event, @Timestamp Instant at) {
        fact(event.ticketId()).set(Column.RESOLVED_AT, utc(at)).set(Column.RESOLVED_BY, event.actor());
        clocks(event, at);
    }

    @EventHandler
    void on(TicketReopened event, @Timestamp Instant at) {
        fact(event.ticketId()).set(Column.RESOLVED_AT, null).set(Column.RESOLVED_BY, null).add(Counter.REOPENED);
        clocks(event, at);
    }

    @EventHandler
    void on(TicketClosed event, @Timestamp Instant at) {
        fact(event.ticketId()).set(Column.CLOSED_AT, utc(at));
        clocks(event, at);
    }

    @EventHandler
    void on(SatisfactionRated event) {
        fact(event.ticketId()).set(Column.CSAT, event.score());
    }

    @EventHandler
    void on(SlaBreached event, @Timestamp Instant at) {
        fact(event.ticketId()).add(Counter.SLA_BREACHES);
        clocks(event, at);
    }

    @EventHandler
    void on(DraftProposed event) {
        if (event.kind() == DraftKind.BOT_REPLY) {
            fact(event.ticketId()).add(Counter.BOT_DRAFTS);
        }
    }

    @EventHandler
    void on(DraftEdited event) {
        fact(event.ticketId()).add(Counter.BOT_DRAFTS_EDITED);
    }

    @EventHandler
    void on(DraftSent event) {
        fact(event.ticketId()).add(Counter.BOT_DRAFTS_SENT);
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
        jdbc.update("DELETE FROM readmodel.analytics_contact");
        jdbc.update("DELETE FROM readmodel.analytics_organization");
        jdbc.update("DELETE FROM readmodel.analytics_field");
        jdbc.update("DELETE FROM readmodel.ticket_fact");
        jdbc.update("DELETE FROM readmodel.handoff_fact");
        jdbc.update("DELETE FROM readmodel.reply_fact");
    }

    private void answer(String handoffId, String outcome, Instant at, String by) {
        jdbc.updateRow(new Row("handoff_fact", handoffId), """
                               UPDATE readmodel.handoff_fact SET outcome = ?, answered_at = ?, answered_by = ?
                               WHERE handoff_id = ?""",
                       outcome, utc(at), by, handoffId);
    }

    /** The ticket's fact row as the events of this batch change it, written once when the batch commits. */
    /*
     * Contacts' organizations and merges, and organizations' names, for figures by organization: each row written
     * by its own aggregate's events only (see V25).
     */

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactCreated event) {
        contact(event.contactId(), """
                        INSERT INTO readmodel.analytics_contact (contact_id, organization_id) VALUES (?, ?)
                        ON CONFLICT (contact_id) DO NOTHING""", event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactChanged event) {
        contact(event.contactId(), "UPDATE readmodel.analytics_contact SET organization_id = ? WHERE contact_id = ?",
                event.organizationId(), event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactMerged event) {
        contact(event.contactId(), "UPDATE readmodel.analytics_contact SET merged_into = ? WHERE contact_id = ?",
                event.into(), event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactUnmerged event) {
        contact(event.contactId(), "UPDATE readmodel.analytics_contact SET merged_into = NULL WHERE contact_id = ?",
                event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.organization.OrganizationCreated event) {
        jdbc.updateRow(new Row("analytics_organization", event.organizationId()), """
                               INSERT INTO readmodel.analytics_organization (organization_id, name) VALUES (?, ?)
                               ON CONFLICT (organization_id) DO NOTHING""", event.organizationId(), event.name());
    }

    @EventHandler
    void on(io.helpdesk.domain.organization.OrganizationChanged event) {
        jdbc.updateRow(new Row("analytics_organization", event.organizationId()),
                       "UPDATE readmodel.analytics_organization SET name = ? WHERE organization_id = ?",
                       event.name(), event.organizationId());
    }

    /** A contact's and an organization's custom fields, for figures by them (a contact's are personal data). */
    @EventHandler
    void on(io.helpdesk.domain.contact.ContactFieldsSet event) {
        contact(event.contactId(), """
                        UPDATE readmodel.analytics_contact SET fields = jsonb_strip_nulls(fields || ?::jsonb)
                        WHERE contact_id = ?""", FieldsColumn.json(event.values()), event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactErased event) {
        contact(event.contactId(), "UPDATE readmodel.analytics_contact SET fields = '{}' WHERE contact_id = ?",
                event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.organization.OrganizationFieldsSet event) {
        jdbc.updateRow(new Row("analytics_organization", event.organizationId()), """
                               UPDATE readmodel.analytics_organization SET fields = jsonb_strip_nulls(fields || ?::jsonb)
                               WHERE organization_id = ?""",
                       FieldsColumn.json(event.values()), event.organizationId());
    }

    /** Custom fields' values on the ticket's facts (CSV columns, figures by field). */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketFieldsSet event) {
        jdbc.updateRow(new Row("ticket_fact", event.ticketId()), """
                               UPDATE readmodel.ticket_fact SET fields = jsonb_strip_nulls(fields || ?::jsonb)
                               WHERE ticket_id = ?""",
                       FieldsColumn.json(event.values()), event.ticketId());
    }

    @EventHandler
    void on(io.helpdesk.domain.field.FieldDefined event) {
        jdbc.updateRow(new Row("analytics_field", event.key()), """
                               INSERT INTO readmodel.analytics_field (key, entity, label, type, options)
                               VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (key) DO NOTHING""",
                       event.key(), event.entity().name(), event.label(), event.type().name(), FieldsColumn.json(event.options()));
    }

    @EventHandler
    void on(io.helpdesk.domain.field.FieldChanged event) {
        jdbc.updateRow(new Row("analytics_field", event.key()),
                       "UPDATE readmodel.analytics_field SET label = ?, options = ?::jsonb WHERE key = ?",
                       event.label(), FieldsColumn.json(event.options()), event.key());
    }

    private void contact(String contactId, String sql, Object... args) {
        jdbc.updateRow(new Row("analytics_contact", contactId), sql, args);
    }

    /** The customer's address and the reasons of failed deliveries read as erased, as the ticket's events now do. */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketErased event) {
        Row row = new Row("ticket_fact", event.ticketId());
        TicketFact open = jdbc.openChange(row);
        if (open != null && open.opened()) {
            open.erase(io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED);
            jdbc.updateRow(row, "UPDATE readmodel.ticket_fact SET fields = '{}' WHERE ticket_id = ?", event.ticketId());
        } else {
            jdbc.updateRow(row, "UPDATE readmodel.ticket_fact SET customer_email = ?, fields = '{}' WHERE ticket_id = ?",
                           io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, event.ticketId());
        }
        // Why a reply was not delivered may name the customer's address: it reads as erased too. A plain update
        // keeps its place after the queued writes of the ticket's replies.
        jdbc.update("UPDATE readmodel.reply_fact SET failure = ? WHERE ticket_id = ? AND failure IS NOT NULL",
                    io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, event.ticketId());
    }

    private TicketFact fact(String ticketId) {
        return jdbc.change(new Row("ticket_fact", ticketId), row -> new TicketFact(ticketId));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
