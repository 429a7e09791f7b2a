package io.helpdesk.command.ticket.status;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.MarkPending;
import io.helpdesk.domain.ticket.PutOnHold;
import io.helpdesk.domain.ticket.ReopenTicket;
import io.helpdesk.domain.ticket.ResolveTicket;
import io.helpdesk.domain.ticket.ReturnToOpen;
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

/** The ticket's life cycle: pending and on hold pause the SLA clocks; resolve, reopen (close: its own slice). */
@RestController
public class TicketStatusEndpoints {

    private final CommandDispatcher commands;

    public TicketStatusEndpoints(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record Done(String ticketId, String status) {
    }

    public record OptionalReason(@Size(max = 1000) String reason) {
    }

    public record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    public record Resolution(@NotBlank @Size(max = 10_000) String resolution) {
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.StatusLifeCycle})
    @PostMapping("/api/tickets/{ticketId}/pending")
    public Mono<Done> pending(@PathVariable String ticketId, @Valid @RequestBody(required = false) OptionalReason body,
                              ServerWebExchange exchange) {
        return send(new MarkPending(new TicketId(ticketId), reason(body), Actor.of(exchange)), ticketId, "PENDING",
                    exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.StatusLifeCycle})
    @PostMapping("/api/tickets/{ticketId}/on-hold")
    public Mono<Done> onHold(@PathVariable String ticketId, @Valid @RequestBody Reason body,
                             ServerWebExchange exchange) {
        return send(new PutOnHold(new TicketId(ticketId), body.reason(), Actor.of(exchange)), ticketId, "ON_HOLD",
                    exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.StatusLifeCycle})
    @PostMapping("/api/tickets/{ticketId}/open")
    public Mono<Done> open(@PathVariable String ticketId, @Valid @RequestBody(required = false) OptionalReason body,
                           ServerWebExchange exchange) {
        return send(new ReturnToOpen(new TicketId(ticketId), reason(body), Actor.of(exchange)), ticketId, "OPEN",
                    exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.StatusLifeCycle})
    @PostMapping("/api/tickets/{ticketId}/resolve")
    public Mono<Done> resolve(@PathVariable String ticketId, @Valid @RequestBody Resolution body,
                              ServerWebExchange exchange) {
        return send(new ResolveTicket(new TicketId(ticketId), body.resolution(), Actor.of(exchange)), ticketId,
                    "RESOLVED", exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.ReopenOnlyResolved})
    @PostMapping("/api/tickets/{ticketId}/reopen")
    public Mono<Done> reopen(@PathVariable String ticketId, @Valid @RequestBody Reason body,
                             ServerWebExchange exchange) {
        return send(new ReopenTicket(new TicketId(ticketId), body.reason(), Actor.of(exchange)), ticketId, "OPEN",
                    exchange);
    }

    private static String reason(OptionalReason body) {
        return body == null ? null : body.reason();
    }

    private Mono<Done> send(Object command, String ticketId, String status, ServerWebExchange exchange) {
        return commands.send(command, exchange).then(Mono.just(new Done(ticketId, status)));
    }
}
