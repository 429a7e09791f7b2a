package io.helpdesk.command.routing;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.agent.Availability;
import io.helpdesk.domain.agent.SetAgentProfile;
import io.helpdesk.domain.agent.SetAvailability;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.RouteTicket;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.security.Caller;
import io.helpdesk.security.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Routing: managers set agents' teams, skills and capacity; agents say whether they take tickets (online, away,
 * offline); staff put a ticket in a team's queue, and routing gives it to an agent at once or when a slot frees
 * up (see {@link Router}).
 */
@RestController
public class RoutingEndpoints {

    private final CommandDispatcher commands;
    private final Router router;
    private final JdbcTemplate jdbc;

    public RoutingEndpoints(CommandDispatcher commands, Router router, JdbcTemplate jdbc) {
        this.commands = commands;
        this.router = router;
        this.jdbc = jdbc;
    }

    public record Profile(@Size(max = 50) List<@NotBlank String> teams, @Size(max = 50) List<@NotBlank String> skills,
                          @NotNull Integer capacity) {
    }

    public record AvailabilityChange(@NotNull Availability availability) {
    }

    /** {@code assigned}: the open tickets (OPEN, PENDING, ON_HOLD) assigned to the agent now. */
    public record AgentView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String agentId,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> teams,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> skills,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int capacity,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Availability availability,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int assigned) {
    }

    public record Route(@NotBlank @Size(max = 200) String team, @Size(max = 20) List<@NotBlank String> skills) {
    }

    /** {@code assignee}: who routing gave the ticket to at once; null while it waits in the queue. */
    public record Routed(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String team,
                         String assignee) {
    }

    @PutMapping("/api/agents/{agentId}")
    public Mono<AgentView> profile(@PathVariable String agentId, @Valid @RequestBody Profile body,
                                   ServerWebExchange exchange) {
        return commands.send(new SetAgentProfile(agentId, body.teams(), body.skills(), body.capacity(),
                                                 Actor.of(exchange)), exchange)
                       .then(agent(agentId));
    }

    /** Agents set their own; MANAGER and ADMIN anyone's. */
    @PutMapping("/api/agents/{agentId}/availability")
    public Mono<AgentView> availability(@PathVariable String agentId, @Valid @RequestBody AvailabilityChange body,
                                        ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (!caller.user().equals(agentId) && !caller.hasAny(Role.MANAGER, Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                                              "only " + agentId + " or a manager sets " + agentId + "'s availability");
        }
        return commands.send(new SetAvailability(agentId, body.availability(), caller.user()), exchange)
                       .then(agent(agentId));
    }

    @GetMapping("/api/agents")
    public Mono<List<AgentView>> agents() {
        return Mono.fromCallable(() -> jdbc.query(SELECT + " ORDER BY a.agent_id", RoutingEndpoints::view))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    /** Queues the ticket and routes the team's queue at once: the answer says whether an agent has it already. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/route")
    public Mono<Routed> route(@PathVariable String ticketId, @Valid @RequestBody Route body,
                              ServerWebExchange exchange) {
        return commands.send(new RouteTicket(new TicketId(ticketId), body.team(), body.skills(), Actor.of(exchange)),
                             exchange)
                       .then(Mono.fromCallable(() -> {
                           router.route(body.team());
                           List<String> assignee = jdbc.queryForList(
                                   "SELECT assignee FROM command.routing_ticket WHERE ticket_id = ?", String.class,
                                   ticketId);
                           return new Routed(ticketId, body.team(), assignee.isEmpty() ? null : assignee.get(0));
                       }).subscribeOn(Schedulers.boundedElastic()));
    }

    private static final String SELECT = """
            SELECT a.agent_id, a.teams, a.skills, a.capacity, a.availability,
                   (SELECT count(*) FROM command.routing_ticket t
                    WHERE t.assignee = a.agent_id AND t.status IN ('OPEN', 'PENDING', 'ON_HOLD')) AS assigned
            FROM command.routing_agent a""";

    private Mono<AgentView> agent(String agentId) {
        return Mono.fromCallable(() -> jdbc.query(SELECT + " WHERE a.agent_id = ?", RoutingEndpoints::view, agentId)
                                           .get(0))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    private static AgentView view(ResultSet row, int n) throws SQLException {
        return new AgentView(row.getString(1), names(row.getArray(2)), names(row.getArray(3)), row.getInt(4),
                             Availability.valueOf(row.getString(5)), row.getInt(6));
    }

    private static List<String> names(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
