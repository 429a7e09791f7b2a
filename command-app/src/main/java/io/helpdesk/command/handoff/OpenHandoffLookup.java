package io.helpdesk.command.handoff;

import io.helpdesk.domain.handoff.HandoffCancelled;
import io.helpdesk.domain.handoff.HandoffCompleted;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffExpired;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.handoff.OpenHandoffs;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which ticket has an open handoff. A subscribing handler: it writes in the transaction that stores the
 * handoff's events, so the table never disagrees with the event store. When two requests for one ticket
 * race past the aggregate's check, the primary key lets only one commit.
 */
@Component
@ProcessingGroup(OpenHandoffLookup.GROUP)
public class OpenHandoffLookup implements OpenHandoffs {

    public static final String GROUP = "handoff-lookup";

    private final JdbcTemplate jdbc;

    public OpenHandoffLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> openHandoffOf(String ticketId) {
        return jdbc.query("SELECT handoff_id FROM command.open_handoff WHERE ticket_id = ?",
                          (rs, i) -> rs.getString(1), ticketId).stream().findFirst();
    }

    @EventHandler
    void on(HandoffRequested event) {
        try {
            jdbc.update("INSERT INTO command.open_handoff (ticket_id, handoff_id) VALUES (?, ?)",
                        event.ticketId(), event.handoffId());
        } catch (DuplicateKeyException e) {
            throw new RuleViolation(Rule.OneOpenHandoffPerTicket,
                                    "ticket " + event.ticketId() + " already has an open handoff");
        }
    }

    @EventHandler
    void on(HandoffDeclined event) {
        close(event.ticketId(), event.handoffId());
    }

    @EventHandler
    void on(HandoffCancelled event) {
        close(event.ticketId(), event.handoffId());
    }

    @EventHandler
    void on(HandoffExpired event) {
        close(event.ticketId(), event.handoffId());
    }

    @EventHandler
    void on(HandoffCompleted event) {
        close(event.ticketId(), event.handoffId());
    }

    private void close(String ticketId, String handoffId) {
        jdbc.update("DELETE FROM command.open_handoff WHERE ticket_id = ? AND handoff_id = ?", ticketId, handoffId);
    }
}
