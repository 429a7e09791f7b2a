package io.helpdesk.command.ticket.close;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.CloseTicket;
import io.helpdesk.domain.ticket.TicketId;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class CloseTicketEndpoint {

    private final CommandDispatcher commands;

    public CloseTicketEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Response(String ticketId, String status) {
    }

    /** Closed by the token's user; a closed ticket stays closed. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/close")
    public Mono<Response> close(@PathVariable String ticketId, ServerWebExchange exchange) {
        return commands.send(new CloseTicket(new TicketId(ticketId), Actor.of(exchange)), exchange)
                       .then(Mono.just(new Response(ticketId, "CLOSED")));
    }
}
