package io.helpdesk.command.routing;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.AutoAssign;
import io.helpdesk.domain.ticket.TicketId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Gives a team's queued tickets out, most urgent and longest waiting first, each to the ONLINE agent of the team
 * with a free slot and every skill the ticket needs who was given a ticket least recently (round-robin). Stops
 * for the team when nobody can take the next ticket: it waits until a slot frees up. Any number of routers may
 * run at once (on several instances): an assignment that loses a race (the ticket taken, the slot gone) is
 * refused by the ticket or by {@link RoutingLookup} and the router moves on.
 */
@Component
public class Router {

    static final int BATCH = 50;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public Router(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    private record Waiting(String ticketId, String[] skills) {
    }

    /** Routes the team's queue as far as agents have room; answers how many tickets were given out. */
    public int route(String team) {
        int given = 0;
        while (true) {
            List<Waiting> queue = jdbc.query("""
                            SELECT ticket_id, skills FROM command.routing_ticket
                            WHERE team = ? AND assignee IS NULL AND status = 'OPEN'
                            ORDER BY priority, queued_at, ticket_id LIMIT ?""",
                    (row, n) -> new Waiting(row.getString(1), (String[]) row.getArray(2).getArray()), team, BATCH);
            int before = given;
            for (Waiting ticket : queue) {
                Outcome outcome = assign(team, ticket);
                if (outcome == Outcome.NOBODY) {
                    // Others further back may need fewer skills: try them, but the queue stays in order otherwise.
                    continue;
                }
                if (outcome == Outcome.ASSIGNED) {
                    given++;
                }
            }
            if (queue.size() < BATCH || given == before) {
                return given;
            }
        }
    }

    private enum Outcome { ASSIGNED, TAKEN, NOBODY }

    private Outcome assign(String team, Waiting ticket) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<String> agent = jdbc.query("""
                            SELECT a.agent_id FROM command.routing_agent a
                            WHERE a.availability = 'ONLINE' AND ? = ANY(a.teams) AND a.skills @> ?::text[]
                              AND a.capacity > (SELECT count(*) FROM command.routing_ticket t
                                                WHERE t.assignee = a.agent_id
                                                  AND t.status IN ('OPEN', 'PENDING', 'ON_HOLD'))
                            ORDER BY a.last_routed_at NULLS FIRST, a.agent_id LIMIT 1""",
                    (row, n) -> row.getString(1), team, ticket.skills()).stream().findFirst();
            if (agent.isEmpty()) {
                return Outcome.NOBODY;
            }
            try {
                commands.sendAndWait(GenericCommandMessage
                                             .asCommandMessage(new AutoAssign(new TicketId(ticket.ticketId()),
                                                                              agent.get(), team))
                                             .andMetaData(MetaData.with(RoutingLookup.ROUTED, true)
                                                                  .and(CommandDispatcher.USER, "routing")));
                return Outcome.ASSIGNED;
            } catch (RuntimeException e) {
                RuleViolation refused = violation(e);
                if (refused == null && !raced(e)) {
                    throw e;
                }
                if (refused == null || refused.broken() != Rule.RoutedOnlyWithinCapacity) {
                    return Outcome.TAKEN;
                }
                // The agent's last slot went to another router's ticket: the next agent.
            }
        }
        return Outcome.NOBODY;
    }

    /** Another writer changed the ticket at the same moment (on this instance or another). */
    private static boolean raced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateNotFoundException
                    || t instanceof EventStoreException) {
                return true;
            }
        }
        return false;
    }

    private static RuleViolation violation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleViolation violation) {
                return violation;
            }
        }
        return null;
    }

    /** The teams with tickets waiting. */
    public List<String> teamsWaiting() {
        return jdbc.queryForList("""
                                         SELECT DISTINCT team FROM command.routing_ticket
                                         WHERE team IS NOT NULL AND assignee IS NULL AND status = 'OPEN'""",
                                 String.class);
    }
}
