package io.helpdesk.command.routing;

import io.helpdesk.domain.agent.AgentAvailabilityChanged;
import io.helpdesk.domain.agent.AgentProfileSet;
import io.helpdesk.domain.shared.Rule;
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

/**
 * Agents' profiles and tickets' routing state ({@code command.routing_agent}, {@code routing_ticket}), written
 * in the transaction of the events (subscribing). An agent's load is the open (OPEN, PENDING, ON_HOLD) tickets
 * assigned to them. An assignment made by routing takes a slot only if the agent is ONLINE and has one free,
 * counted under a lock on the agent's row: when two routers race for the last slot, the second assignment fails
 * with its command and routing tries the next agent. Assignments by hand are counted but never refused for
 * capacity: a person decided.
 */
@Component
@ProcessingGroup(RoutingLookup.GROUP)
public class RoutingLookup {

    public static final String GROUP = "routing-lookup";
    /** Metadata of routing's own assignments. */
    public static final String ROUTED = "routed";

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
        if (routed != null) {
            takeSlot(event.assignee(), event.ticketId(), at);
        }
        jdbc.update("UPDATE command.routing_ticket SET assignee = ? WHERE ticket_id = ?", event.assignee(),
                    event.ticketId());
    }

    /**
     * Routing's assignment takes one of the agent's free slots: the agent's row is locked first, so assignments
     * to one agent by any number of routers count the agent's tickets one after the other.
     */
    private void takeSlot(String agent, String ticketId, Instant at) {
        List<Integer> capacity = jdbc.queryForList("""
                                                           SELECT capacity FROM command.routing_agent
                                                           WHERE agent_id = ? AND availability = 'ONLINE'
                                                           FOR UPDATE""", Integer.class, agent);
        Integer open = jdbc.queryForObject("""
                                                   SELECT count(*) FROM command.routing_ticket
                                                   WHERE assignee = ? AND status IN ('OPEN', 'PENDING', 'ON_HOLD')""",
                                           Integer.class, agent);
        if (capacity.isEmpty() || open >= capacity.get(0)) {
            throw new RuleViolation(Rule.RoutedOnlyWithinCapacity, agent + " is not online or has no free slot for "
                    + "ticket " + ticketId);
        }
        jdbc.update("UPDATE command.routing_agent SET last_routed_at = ? WHERE agent_id = ?",
                    at.atOffset(ZoneOffset.UTC), agent);
    }

    @EventHandler
    void on(TicketUnassigned event, @Timestamp Instant at) {
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
        jdbc.update("UPDATE command.routing_ticket SET status = ? WHERE ticket_id = ?", status, event.ticketId());
    }
}
