package io.helpdesk.command.ticket.merge;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.MergeTicket;
import io.helpdesk.domain.ticket.SplitTicket;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.UnmergeTicket;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** Merging a ticket into another, undoing it, and splitting messages off a ticket into a new one. */
@RestController
public class TicketMergeEndpoints {

    private final CommandDispatcher commands;
    private final KnownAggregates known;

    public TicketMergeEndpoints(CommandDispatcher commands, KnownAggregates known) {
        this.commands = commands;
        this.known = known;
    }

    public record Merge(@Schema(description = "The ticket this one is merged into; it stays") @NotBlank
                        @Size(max = 64) String into) {
    }

    public record Split(@Schema(description = "The messages to move, by the eventId of their timeline lines")
                        @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 64) String> eventIds,
                        @Schema(description = "The new ticket's subject; by default this one's") @Size(max = 500)
                        String subject) {
    }

    public record TicketRef(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId) {
    }

    /** Merges this ticket into {@code into}; answers the ticket that stays. */
    @Refuses({Rule.ClosedTicketIsFinal, Rule.TicketMerged})
    @PostMapping("/api/tickets/{ticketId}/merge")
    public Mono<TicketRef> merge(@PathVariable String ticketId, @Valid @RequestBody Merge body,
                                 ServerWebExchange exchange) {
        return known.found("Ticket", ticketId, body.into())
                .then(commands.send(new MergeTicket(body.into(), ticketId, Actor.of(exchange)), exchange))
                .thenReturn(new TicketRef(body.into()));
    }

    /** Undoes the merge of this ticket: it is open again, and its messages leave the other ticket. */
    @Refuses(Rule.TicketNotMerged)
    @PostMapping("/api/tickets/{ticketId}/unmerge")
    public Mono<TicketRef> unmerge(@PathVariable String ticketId, ServerWebExchange exchange) {
        return known.found("Ticket", ticketId)
                .then(commands.send(new UnmergeTicket(ticketId, Actor.of(exchange)), exchange))
                .thenReturn(new TicketRef(ticketId));
    }

    /** Moves the chosen messages into a new ticket of the same customer; answers the new ticket. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/split")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TicketRef> split(@PathVariable String ticketId, @Valid @RequestBody Split body,
                                 ServerWebExchange exchange) {
        String newTicket = TicketId.newId().value();
        return known.found("Ticket", ticketId)
                .then(commands.send(new SplitTicket(ticketId, newTicket, body.eventIds(), body.subject(),
                                                    Actor.of(exchange)), exchange))
                .thenReturn(new TicketRef(newTicket));
    }
}
