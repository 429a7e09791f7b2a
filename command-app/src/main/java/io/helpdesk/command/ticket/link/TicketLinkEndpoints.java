package io.helpdesk.command.ticket.link;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.helpdesk.domain.ticket.LinkKind;
import io.helpdesk.domain.ticket.LinkTicket;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.UnlinkTicket;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Links between tickets (related, duplicate, cause), recorded on both: this ticket with the kind given, the
 * other with its inverse (a DUPLICATE_OF here is a HAS_DUPLICATE there).
 */
@RestController
public class TicketLinkEndpoints {

    private final CommandDispatcher commands;
    private final KnownAggregates known;

    public TicketLinkEndpoints(CommandDispatcher commands, KnownAggregates known) {
        this.commands = commands;
        this.known = known;
    }

    public record Link(@NotBlank @Size(max = 64) String ticketId, @NotNull LinkKind kind) {
    }

    public record Linked(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String otherTicketId,
                         LinkKind kind) {
    }

    /** Both tickets must exist: the other is checked first, so that no link points at a ticket that is not. */
    @PostMapping("/api/tickets/{ticketId}/links")
    public Mono<Linked> link(@PathVariable String ticketId, @Valid @RequestBody Link body,
                             ServerWebExchange exchange) {
        String actor = Actor.of(exchange);
        return known.found("Ticket", body.ticketId())
                .then(commands.send(new LinkTicket(new TicketId(ticketId), body.ticketId(), body.kind(), actor),
                                    exchange))
                .then(commands.send(new LinkTicket(new TicketId(body.ticketId()), ticketId, body.kind().inverse(),
                                                   actor), exchange))
                .then(Mono.just(new Linked(ticketId, body.ticketId(), body.kind())));
    }

    @DeleteMapping("/api/tickets/{ticketId}/links/{otherTicketId}")
    public Mono<Linked> unlink(@PathVariable String ticketId, @PathVariable String otherTicketId,
                               ServerWebExchange exchange) {
        String actor = Actor.of(exchange);
        return commands.send(new UnlinkTicket(new TicketId(ticketId), otherTicketId, actor), exchange)
                       .then(commands.send(new UnlinkTicket(new TicketId(otherTicketId), ticketId, actor), exchange))
                       .then(Mono.just(new Linked(ticketId, otherTicketId, null)));
    }
}
