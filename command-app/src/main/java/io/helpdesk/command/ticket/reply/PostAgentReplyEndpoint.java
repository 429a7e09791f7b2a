package io.helpdesk.command.ticket.reply;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.ticket.PostAgentReply;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class PostAgentReplyEndpoint {

    private final CommandDispatcher commands;

    public PostAgentReplyEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Request(@NotBlank @Size(max = 100_000) String body) {
    }

    public record Response(String ticketId) {
    }

    /** The replying agent is the token's user. */
    @PostMapping("/api/tickets/{ticketId}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Response> reply(@PathVariable String ticketId, @Valid @RequestBody Request request,
                                ServerWebExchange exchange) {
        return commands.send(new PostAgentReply(new TicketId(ticketId), Actor.of(exchange), request.body()), exchange)
                       .then(Mono.just(new Response(ticketId)));
    }
}
