package io.helpdesk.command.ticket.close;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.ticket.CloseTicket;
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
public class CloseTicketEndpoint {

    private final CommandDispatcher commands;

    public CloseTicketEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Request(@NotBlank @Size(max = 200) String closedBy) {
    }

    public record Response(String ticketId, String status) {
    }

    @PostMapping("/api/tickets/{ticketId}/close")
    public Mono<Response> close(@PathVariable String ticketId, @Valid @RequestBody Request request,
                                ServerWebExchange exchange) {
        return commands.send(new CloseTicket(new TicketId(ticketId), request.closedBy()), exchange)
                       .then(Mono.just(new Response(ticketId, "CLOSED")));
    }
}
