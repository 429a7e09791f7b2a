package io.helpdesk.command.erasure;

import io.helpdesk.domain.contact.ContactErased;
import io.helpdesk.domain.contact.ContactTickets;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.ReplyScheduled;
import io.helpdesk.domain.ticket.TicketErased;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.personal.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * command-app's lookups for erasure, kept in the transaction of the events (a subscribing handler): each
 * ticket's contact and customer, and which tickets carry each stored file. An erasure's events delete, in their
 * own transaction, the erased subjects' keys (after which their personal data in events reads as erased), the
 * tickets' snapshots, the lookups that name the customer, the files no other ticket carries and the dead letters
 * of those tickets.
 */
@Component
@ProcessingGroup(ErasureLookups.GROUP)
public class ErasureLookups implements ContactTickets {

    public static final String GROUP = "erasure-lookup";

    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public ErasureLookups(JdbcTemplate jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    @Override
    public List<String> ticketsOf(String contactId) {
        return jdbc.queryForList("SELECT ticket_id FROM command.ticket_customer WHERE contact_id = ? ORDER BY ticket_id",
                                 String.class, contactId);
    }

    @Override
    public List<String> holdersOf(String ticketId) {
        return jdbc.queryForList("SELECT ticket_id FROM command.ticket_merge_holder WHERE origin = ? ORDER BY ticket_id",
                                 String.class, ticketId);
    }

    @EventHandler
    void on(TicketOpened event) {
        jdbc.update("""
                            INSERT INTO command.ticket_customer (ticket_id, contact_id, customer, channel)
                            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    event.ticketId(), event.contactId(), event.customerEmail().toLowerCase(), event.channel().name());
        files(event.ticketId(), event.ticketId(), event.attachments());
    }

    @EventHandler
    void on(CustomerMessageReceived event) {
        files(event.ticketId(), event.ticketId(), event.attachments());
    }

    @EventHandler
    void on(AgentReplied event) {
        files(event.ticketId(), event.ticketId(), event.attachments());
    }

    @EventHandler
    void on(InternalNoteAdded event) {
        files(event.ticketId(), event.ticketId(), event.attachments());
    }

    @EventHandler
    void on(ReplyScheduled event) {
        files(event.ticketId(), event.ticketId(), event.attachments());
    }

    /**
     * Messages moved in hold what they held: the ticket they came from is erased with them. Kept after an unmerge,
     * which takes back the merged messages only (a split's may still be here; erasing none is harmless).
     */
    @EventHandler
    void on(MessagesMoved event) {
        jdbc.update("INSERT INTO command.ticket_merge_holder (ticket_id, origin) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.ticketId(), event.from());
        for (var message : event.messages()) {
            files(event.ticketId(), event.from(), message.attachments());
        }
    }

    @EventHandler
    void on(TicketErased event) {
        String ticket = event.ticketId();
        jdbc.update(io.helpdesk.eventstore.personal.SubjectKeys.ERASE, ticket);
        jdbc.update("DELETE FROM eventstore.snapshot_event_entry WHERE aggregate_identifier = ?", ticket);
        jdbc.update("DELETE FROM eventstore.dead_letter_entry WHERE sequence_identifier = ? OR aggregate_identifier = ?",
                    ticket, ticket);
        jdbc.update("DELETE FROM command.customer_open_ticket WHERE ticket_id = ?", ticket);
        jdbc.update("DELETE FROM command.mail_thread WHERE ticket_id = ?", ticket);
        jdbc.update("UPDATE command.ticket_merge SET customer = ? WHERE ticket_id = ?",
                    io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, ticket);
        jdbc.update("UPDATE command.ticket_customer SET customer = ? WHERE ticket_id = ?",
                    io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, ticket);
        // The files this ticket's messages brought, wherever they are shown, unless another ticket brought them too.
        List<String> files = jdbc.queryForList("SELECT DISTINCT sha256 FROM command.attachment_ref WHERE origin = ?",
                                               String.class, ticket);
        jdbc.update("DELETE FROM command.attachment_ref WHERE origin = ?", ticket);
        for (String sha256 : files) {
            jdbc.update("""
                                DELETE FROM command.attachment a WHERE a.sha256 = ?
                                AND NOT EXISTS (SELECT 1 FROM command.attachment_ref r WHERE r.sha256 = a.sha256)""",
                        sha256);
        }
        forgetAfterCommit(List.of(ticket));
    }

    @EventHandler
    void on(ContactErased event, @Timestamp Instant at) {
        // What the contact's addresses wrote while blocked goes with them.
        List<String> subjects = new java.util.ArrayList<>(List.of(event.contactId()));
        subjects.addAll(event.senders());
        subjects.forEach(subject -> jdbc.update(io.helpdesk.eventstore.personal.SubjectKeys.ERASE, subject));
        jdbc.update("DELETE FROM eventstore.snapshot_event_entry WHERE aggregate_identifier = ?", event.contactId());
        jdbc.update("DELETE FROM command.contact_identity WHERE contact_id = ?", event.contactId());
        jdbc.update("INSERT INTO command.erased_contact (contact_id, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.contactId(), at.atOffset(ZoneOffset.UTC));
        forgetAfterCommit(subjects);
    }

    private void forgetAfterCommit(List<String> subjects) {
        personal.keys().evict(subjects);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> personal.keys().evict(subjects));
        }
    }

    private void files(String ticketId, String origin, List<Attachment> attachments) {
        for (Attachment file : attachments) {
            jdbc.update("INSERT INTO command.attachment_ref (sha256, ticket_id, origin) VALUES (?, ?, ?) "
                                + "ON CONFLICT DO NOTHING", file.sha256(), ticketId, origin);
        }
    }
}
