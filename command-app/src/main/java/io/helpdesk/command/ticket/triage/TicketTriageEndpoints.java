package io.helpdesk.command.ticket.triage;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.AddTags;
import io.helpdesk.domain.ticket.ChangePriority;
import io.helpdesk.domain.ticket.EscalateTicket;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.RemoveTags;
import io.helpdesk.domain.ticket.SetCategory;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.UnassignTicket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** Who works a ticket and how urgent it is: unassign, priority, category, tags, escalation. */
@RestController
public class TicketTriageEndpoints {

    private final CommandDispatcher commands;

    public TicketTriageEndpoints(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Done(String ticketId) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @DeleteMapping("/api/tickets/{ticketId}/assignment")
    public Mono<Done> unassign(@PathVariable String ticketId, ServerWebExchange exchange) {
        return send(new UnassignTicket(new TicketId(ticketId), Actor.of(exchange)), ticketId, exchange);
    }

    public record PriorityChange(@NotNull Priority priority, @NotBlank @Size(max = 1000) String reason) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @PutMapping("/api/tickets/{ticketId}/priority")
    public Mono<Done> priority(@PathVariable String ticketId, @Valid @RequestBody PriorityChange request,
                               ServerWebExchange exchange) {
        return send(new ChangePriority(new TicketId(ticketId), request.priority(), request.reason(),
                                       Actor.of(exchange)), ticketId, exchange);
    }

    public record Category(@NotBlank @Size(max = 200) String category) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @PutMapping("/api/tickets/{ticketId}/category")
    public Mono<Done> category(@PathVariable String ticketId, @Valid @RequestBody Category request,
                               ServerWebExchange exchange) {
        return send(new SetCategory(new TicketId(ticketId), request.category(), Actor.of(exchange)), ticketId,
                    exchange);
    }

    public record Tags(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/tags")
    public Mono<Done> addTags(@PathVariable String ticketId, @Valid @RequestBody Tags request,
                              ServerWebExchange exchange) {
        return send(new AddTags(new TicketId(ticketId), request.tags()), ticketId, exchange);
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @DeleteMapping("/api/tickets/{ticketId}/tags/{tag}")
    public Mono<Done> removeTag(@PathVariable String ticketId, @PathVariable String tag, ServerWebExchange exchange) {
        return send(new RemoveTags(new TicketId(ticketId), List.of(tag)), ticketId, exchange);
    }

    public record Escalation(@NotNull @Min(1) @Max(3) Integer level, @NotBlank @Size(max = 1000) String reason,
                             @NotBlank @Size(max = 200) String targetTeam) {
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.EscalationOnlyUpwards})
    @PostMapping("/api/tickets/{ticketId}/escalations")
    public Mono<Done> escalate(@PathVariable String ticketId, @Valid @RequestBody Escalation request,
                               ServerWebExchange exchange) {
        return send(new EscalateTicket(new TicketId(ticketId), request.level(), request.reason(), request.targetTeam(),
                                       Actor.of(exchange)), ticketId, exchange);
    }

    private Mono<Done> send(Object command, String ticketId, ServerWebExchange exchange) {
        return commands.send(command, exchange).then(Mono.just(new Done(ticketId)));
    }
}
