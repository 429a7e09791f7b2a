package io.helpdesk.command.ticket.assign;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.AssignTicket;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.security.Caller;
import io.helpdesk.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class AssignTicketEndpoint {

    private final CommandDispatcher commands;

    public AssignTicketEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Request(@NotBlank @Size(max = 200) String assignee, @Size(max = 200) String team) {
    }

    public record Response(String ticketId, String assignee, String team) {
    }

    /** Agents assign within their own teams (or without a team); managers and admins across teams. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/assignment")
    public Mono<Response> assign(@PathVariable String ticketId, @Valid @RequestBody Request request,
                                 ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        if (request.team() != null && !caller.inTeam(request.team()) && !caller.hasAny(Role.MANAGER, Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "assigning to team '" + request.team()
                    + "', which is not one of yours, takes the MANAGER role");
        }
        AssignTicket command = new AssignTicket(new TicketId(ticketId), request.assignee(), request.team());
        return commands.send(command, exchange)
                       .then(Mono.just(new Response(ticketId, command.assignee(), command.team())));
    }
}
