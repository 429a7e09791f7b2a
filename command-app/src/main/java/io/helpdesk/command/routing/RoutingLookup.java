package io.helpdesk.command.routing;

import io.helpdesk.domain.agent.AgentAvailabilityChanged;
import io.helpdesk.domain.agent.AgentProfileSet;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketQueued;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketUnassigned;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Agents' profiles and load, and tickets' routing state ({@code command.routing_agent}, {@code routing_ticket}),
 * written in the transaction of the events (subscribing). An assignment made by routing takes a slot only if the
 * agent is ONLINE and has one free, checked by the update that takes it: when two routers race for the last
 * slot, the second assignment fails with its command and routing tries the next agent. Assignments by hand are
 * counted but never refused for capacity: a person decided.
 */
@Component
@ProcessingGroup(RoutingLookup.GROUP)
public class RoutingLookup {

    public static final String GROUP = "routing-lookup";
    /** Metadata of routing's own assignments. */
    public static final String ROUTED = "routed";

    private static final Set<String> COUNTED = Set.of("OPEN", "PENDING", "ON_HOLD");

    private final JdbcTemplate jdbc;

    public RoutingLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AgentProfileSet event) {
        jdbc.update("""
                            INSERT INTO command.routing_agent (agent_id, teams, skills, capacity) VALUES (?, ?, ?, ?)
                            ON CONFLICT (agent_id) DO UPDATE
                            SET teams = EXCLUDED.teams, skills = EXCLUDED.skills, capacity = EXCLUDED.capacity""",
                    event.agentId(), event.teams().toArray(String[]::new), event.skills().toArray(String[]::new),
                    event.capacity());
    }

    @EventHandler
    void on(AgentAvailabilityChanged event) {
        jdbc.update("UPDATE command.routing_agent SET availability = ? WHERE agent_id = ?",
                    event.availability().name(), event.agentId());
    }

    @EventHandler
    void on(TicketOpened event) {
        jdbc.update("""
                            INSERT INTO command.routing_ticket (ticket_id, priority, status) VALUES (?, ?, 'OPEN')
                            ON CONFLICT (ticket_id) DO NOTHING""",
                    event.ticketId(), event.priority().name());
    }

    @EventHandler
    void on(TicketPriorityChanged event) {
        jdbc.update("UPDATE command.routing_ticket SET priority = ? WHERE ticket_id = ?", event.to().name(),
                    event.ticketId());
    }

    @EventHandler
    void on(TicketQueued event, @Timestamp Instant at) {
        jdbc.update("UPDATE command.routing_ticket SET team = ?, skills = ?, queued_at = ? WHERE ticket_id = ?",
                    event.team(), event.skills().toArray(String[]::new), at.atOffset(ZoneOffset.UTC),
                    event.ticketId());
    }

    @EventHandler
    void on(TicketAssigned event, @Timestamp Instant at, @MetaDataValue(ROUTED) Object routed) {
        Ticket ticket = ticket(event);
        if (ticket == null) {
            return;
        }
        if (ticket.counted() && ticket.assignee() != null) {
            load(ticket.assignee(), -1);
        }
        if (routed != null) {
            int taken = jdbc.update("""
                                            UPDATE command.routing_agent
                                            SET assigned = assigned + 1, last_routed_at = ?
                                            WHERE agent_id = ? AND availability = 'ONLINE' AND assigned < capacity""",
                                    at.atOffset(ZoneOffset.UTC), event.assignee());
            if (taken == 0) {
                throw new RuleViolation("RoutedOnlyWithinCapacity", event.assignee()
                        + " is not online or has no free slot for ticket " + event.ticketId());
            }
        } else if (ticket.counted() && event.assignee() != null) {
            load(event.assignee(), 1);
        }
        jdbc.update("UPDATE command.routing_ticket SET assignee = ? WHERE ticket_id = ?", event.assignee(),
                    event.ticketId());
    }

    @EventHandler
    void on(TicketUnassigned event, @Timestamp Instant at) {
        Ticket ticket = ticket(event);
        if (ticket == null) {
            return;
        }
        if (ticket.counted() && ticket.assignee() != null) {
            load(ticket.assignee(), -1);
        }
        // A routed ticket that loses its agent waits in its queue again, from now.
        jdbc.update("""
                            UPDATE command.routing_ticket
                            SET assignee = NULL, queued_at = CASE WHEN team IS NULL THEN NULL ELSE ? END
                            WHERE ticket_id = ?""",
                    at.atOffset(ZoneOffset.UTC), event.ticketId());
    }

    @EventHandler
    void on(TicketMarkedPending event) {
        status(event, "PENDING");
    }

    @EventHandler
    void on(TicketPutOnHold event) {
        status(event, "ON_HOLD");
    }

    @EventHandler
    void on(TicketReturnedToOpen event) {
        status(event, "OPEN");
    }

    @EventHandler
    void on(TicketReopened event) {
        status(event, "OPEN");
    }

    @EventHandler
    void on(TicketResolved event) {
        status(event, "RESOLVED");
    }

    @EventHandler
    void on(TicketClosed event) {
        status(event, "CLOSED");
    }

    private void status(TicketEvent event, String status) {
        Ticket ticket = ticket(event);
        if (ticket == null) {
            return;
        }
        boolean counted = COUNTED.contains(status);
        if (ticket.assignee() != null && counted != ticket.counted()) {
            load(ticket.assignee(), counted ? 1 : -1);
        }
        jdbc.update("UPDATE command.routing_ticket SET status = ? WHERE ticket_id = ?", status, event.ticketId());
    }

    private record Ticket(String assignee, String status) {
        boolean counted() {
            return COUNTED.contains(status);
        }
    }

    private Ticket ticket(TicketEvent event) {
        List<Ticket> found = jdbc.query("SELECT assignee, status FROM command.routing_ticket WHERE ticket_id = ?",
                                        (row, n) -> new Ticket(row.getString(1), row.getString(2)),
                                        event.ticketId());
        return found.isEmpty() ? null : found.get(0);
    }

    /** An agent assigned by hand who has no profile yet gets one, so that their load is known when they do. */
    private void load(String agent, int change) {
        jdbc.update("""
                            INSERT INTO command.routing_agent (agent_id, assigned) VALUES (?, GREATEST(?, 0))
                            ON CONFLICT (agent_id) DO UPDATE
                            SET assigned = GREATEST(routing_agent.assigned + ?, 0)""",
                    agent, change, change);
    }
}
