package io.helpdesk.command.ticket.assign;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.ticket.AssignTicket;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
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

    @PostMapping("/api/tickets/{ticketId}/assignment")
    public Mono<Response> assign(@PathVariable String ticketId, @Valid @RequestBody Request request,
                                 ServerWebExchange exchange) {
        AssignTicket command = new AssignTicket(new TicketId(ticketId), request.assignee(), request.team());
        return commands.send(command, exchange)
                       .then(Mono.just(new Response(ticketId, command.assignee(), command.team())));
    }
}
