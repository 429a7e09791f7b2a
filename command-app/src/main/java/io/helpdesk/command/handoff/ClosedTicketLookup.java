package io.helpdesk.command.handoff;

import io.helpdesk.domain.handoff.ClosedTickets;
import io.helpdesk.domain.ticket.TicketClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which tickets are closed. A subscribing handler: it writes in the transaction that closes the ticket, so a
 * handoff requested after the close has been answered is refused.
 */
@Component
@ProcessingGroup(ClosedTicketLookup.GROUP)
public class ClosedTicketLookup implements ClosedTickets {

    public static final String GROUP = "ticket-lookup";

    private final JdbcTemplate jdbc;

    public ClosedTicketLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isClosed(String ticketId) {
        return !jdbc.queryForList("SELECT 1 FROM command.closed_ticket WHERE ticket_id = ?", ticketId).isEmpty();
    }

    @EventHandler
    void on(TicketClosed event) {
        jdbc.update("INSERT INTO command.closed_ticket (ticket_id) VALUES (?) ON CONFLICT DO NOTHING",
                    event.ticketId());
    }

    /** Undoing a merge is the one way back from closed (the merge closed the ticket). */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketUnmerged event) {
        jdbc.update("DELETE FROM command.closed_ticket WHERE ticket_id = ?", event.ticketId());
    }
}
