package io.helpdesk.query.contacts;

import io.helpdesk.domain.contact.ContactAbsorbed;
import io.helpdesk.domain.contact.ContactChanged;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.ContactIdentityAdded;
import io.helpdesk.domain.contact.ContactIdentityRemoved;
import io.helpdesk.domain.contact.ContactMerged;
import io.helpdesk.domain.contact.ContactReleased;
import io.helpdesk.domain.contact.ContactUnmerged;
import io.helpdesk.domain.organization.OrganizationChanged;
import io.helpdesk.domain.organization.OrganizationCreated;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketStatus;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.FieldsColumn;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Contacts, organizations and each contact's tickets with their satisfaction ratings. Each row is written by the
 * events of its own aggregate only (a contact's, an organization's, a ticket's): the processor's segments run side
 * by side, and a write across aggregates would depend on which segment got there first. What joins them (the
 * tickets of merged contacts, an organization's name) is worked out when asked.
 */
@Component
@ProcessingGroup(ContactProjection.GROUP)
public class ContactProjection extends Projection {

    public static final String GROUP = "contacts";

    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("contact", "contact_id"),
            ReadModel.Table.of("contact_ticket", "ticket_id"),
            ReadModel.Table.of("organization", "organization_id")),
            "/api/contacts", "/api/organizations");

    private final BatchingJdbcTemplate jdbc;

    public ContactProjection(BatchingJdbcTemplate jdbc) {
        super(jdbc);
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactCreated event, @Timestamp Instant at) {
        contact(event.contactId(), """
                        INSERT INTO readmodel.contact (contact_id, name, language, organization_id, identities,
                            created_at, created_by, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contact_id) DO NOTHING""",
                event.contactId(), event.name(), event.language(), event.organizationId(),
                event.identities().toArray(String[]::new), utc(at), event.by(), utc(at));
    }

    @EventHandler
    void on(ContactChanged event, @Timestamp Instant at) {
        contact(event.contactId(), """
                        UPDATE readmodel.contact SET name = ?, language = ?, organization_id = ?, updated_at = ?
                        WHERE contact_id = ?""",
                event.name(), event.language(), event.organizationId(), utc(at), event.contactId());
    }

    @EventHandler
    void on(ContactIdentityAdded event, @Timestamp Instant at) {
        add(event.contactId(), List.of(event.identity()), at);
    }

    @EventHandler
    void on(ContactIdentityRemoved event, @Timestamp Instant at) {
        remove(event.contactId(), List.of(event.identity()), at);
    }

    @EventHandler
    void on(ContactMerged event, @Timestamp Instant at) {
        remove(event.contactId(), event.identities(), at);
        contact(event.contactId(), "UPDATE readmodel.contact SET merged_into = ?, updated_at = ? WHERE contact_id = ?",
                event.into(), utc(at), event.contactId());
    }

    @EventHandler
    void on(ContactAbsorbed event, @Timestamp Instant at) {
        add(event.contactId(), event.identities(), at);
    }

    @EventHandler
    void on(ContactReleased event, @Timestamp Instant at) {
        remove(event.contactId(), event.identities(), at);
    }

    @EventHandler
    void on(ContactUnmerged event, @Timestamp Instant at) {
        add(event.contactId(), event.identities(), at);
        contact(event.contactId(), "UPDATE readmodel.contact SET merged_into = NULL, updated_at = ? WHERE contact_id = ?",
                utc(at), event.contactId());
    }

    @EventHandler
    void on(OrganizationCreated event, @Timestamp Instant at) {
        jdbc.updateRow(new Row("organization", event.organizationId()), """
                               INSERT INTO readmodel.organization (organization_id, name, domains, created_at,
                                   updated_at)
                               VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id) DO NOTHING""",
                       event.organizationId(), event.name(), event.domains().toArray(String[]::new), utc(at),
                       utc(at));
    }

    @EventHandler
    void on(OrganizationChanged event, @Timestamp Instant at) {
        jdbc.updateRow(new Row("organization", event.organizationId()),
                       "UPDATE readmodel.organization SET name = ?, domains = ?, updated_at = ? WHERE organization_id = ?",
                       event.name(), event.domains().toArray(String[]::new), utc(at), event.organizationId());
    }

    @EventHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        ticket(event.ticketId(), """
                       INSERT INTO readmodel.contact_ticket (ticket_id, contact_id, customer, customer_name, channel,
                           subject, status, opened_at, last_activity_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
               event.ticketId(), event.contactId(), event.customerEmail(), event.customerName(),
               event.channel().name(), event.subject(), TicketStatus.OPEN.name(), utc(at), utc(at));
    }

    @EventHandler
    void on(CustomerMessageReceived event, @Timestamp Instant at) {
        touch(event.ticketId(), at);
    }

    @EventHandler
    void on(AgentReplied event, @Timestamp Instant at) {
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

    @EventHandler
    void on(SatisfactionRated event, @Timestamp Instant at) {
        ticket(event.ticketId(), """
                       UPDATE readmodel.contact_ticket SET csat_score = ?, csat_comment = ?, csat_at = ?
                       WHERE ticket_id = ?""",
               event.score(), event.comment(), utc(at), event.ticketId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactFieldsSet event, @Timestamp Instant at) {
        contact(event.contactId(), """
                        UPDATE readmodel.contact SET fields = jsonb_strip_nulls(fields || ?::jsonb), updated_at = ?
                        WHERE contact_id = ?""",
                FieldsColumn.json(event.values()), utc(at), event.contactId());
    }

    @EventHandler
    void on(io.helpdesk.domain.organization.OrganizationFieldsSet event, @Timestamp Instant at) {
        jdbc.updateRow(new Row("organization", event.organizationId()), """
                               UPDATE readmodel.organization SET fields = jsonb_strip_nulls(fields || ?::jsonb),
                                   updated_at = ?
                               WHERE organization_id = ?""",
                       FieldsColumn.json(event.values()), utc(at), event.organizationId());
    }

    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketErased event) {
        ticket(event.ticketId(), """
                       UPDATE readmodel.contact_ticket
                       SET customer = ?, subject = ?,
                           customer_name = CASE WHEN customer_name IS NULL THEN NULL ELSE ? END,
                           csat_comment = CASE WHEN csat_comment IS NULL THEN NULL ELSE ? END
                       WHERE ticket_id = ?""",
               ERASED, ERASED, ERASED, ERASED, event.ticketId());
    }

    @EventHandler
    void on(io.helpdesk.domain.contact.ContactErased event, @Timestamp Instant at) {
        contact(event.contactId(), """
                        UPDATE readmodel.contact
                        SET name = CASE WHEN name IS NULL THEN NULL ELSE ? END, identities = '{}', fields = '{}',
                            updated_at = ?
                        WHERE contact_id = ?""",
                ERASED, utc(at), event.contactId());
    }

    private static final String ERASED = io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED;

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.contact");
        jdbc.update("DELETE FROM readmodel.contact_ticket");
        jdbc.update("DELETE FROM readmodel.organization");
    }

    private void add(String contactId, List<String> identities, Instant at) {
        contact(contactId, """
                        UPDATE readmodel.contact
                        SET identities = ARRAY(SELECT DISTINCT unnest(identities || ?::text[]) ORDER BY 1),
                            updated_at = ?
                        WHERE contact_id = ?""",
                identities.toArray(String[]::new), utc(at), contactId);
    }

    private void remove(String contactId, List<String> identities, Instant at) {
        contact(contactId, """
                        UPDATE readmodel.contact
                        SET identities = ARRAY(SELECT i FROM unnest(identities) i WHERE i <> ALL(?::text[])
                                               ORDER BY 1),
                            updated_at = ?
                        WHERE contact_id = ?""",
                identities.toArray(String[]::new), utc(at), contactId);
    }

    private void contact(String contactId, String sql, Object... args) {
        jdbc.updateRow(new Row("contact", contactId), sql, args);
    }

    private void status(String ticketId, TicketStatus status, Instant at) {
        ticket(ticketId, "UPDATE readmodel.contact_ticket SET status = ?, last_activity_at = ? WHERE ticket_id = ?",
               status.name(), utc(at), ticketId);
    }

    private void touch(String ticketId, Instant at) {
        ticket(ticketId, "UPDATE readmodel.contact_ticket SET last_activity_at = ? WHERE ticket_id = ?", utc(at),
               ticketId);
    }

    private void ticket(String ticketId, String sql, Object... args) {
        jdbc.updateRow(new Row("contact_ticket", ticketId), sql, args);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
