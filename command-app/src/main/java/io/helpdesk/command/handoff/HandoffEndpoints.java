package io.helpdesk.command.handoff;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.handoff.AcceptHandoff;
import io.helpdesk.domain.handoff.CancelHandoff;
import io.helpdesk.domain.handoff.CompleteHandoff;
import io.helpdesk.domain.handoff.DeclineHandoff;
import io.helpdesk.domain.handoff.HandoffId;
import io.helpdesk.domain.handoff.RequestHandoff;
import io.helpdesk.domain.handoff.RequesterKind;
import io.helpdesk.domain.shared.Rule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;

@RestController
public class HandoffEndpoints {

    private final CommandDispatcher commands;
    private final EventStore eventStore;

    public HandoffEndpoints(CommandDispatcher commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    public record Request(@NotBlank @Size(max = 64) String ticketId, @NotNull RequesterKind requesterKind,
                          @Size(max = 200) String toAgent, @Size(max = 200) String toTeam,
                          @NotBlank @Size(max = 1000) String reason, @Size(max = 20_000) String contextSummary) {
    }

    public record Done(String handoffId, String status) {
    }

    /** A bot or an agent (the acting user) asks to hand the ticket to an agent or a team. */
    @Refuses({Rule.ClosedTicketIsFinal, Rule.OneOpenHandoffPerTicket})
    @PostMapping("/api/handoffs")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<Done>> request(@Valid @RequestBody Request request, ServerWebExchange exchange) {
        HandoffId id = HandoffId.newId();
        RequestHandoff command = new RequestHandoff(id, request.ticketId(), Actor.of(exchange),
                                                    request.requesterKind(), request.toAgent(), request.toTeam(),
                                                    request.reason(), request.contextSummary());
        return ticketExists(request.ticketId())
                .then(commands.send(command, exchange))
                .thenReturn(ResponseEntity.created(URI.create("/api/handoffs/" + id))
                                          .body(new Done(id.value(), "REQUESTED")));
    }

    @Refuses({Rule.HandoffLifeCycle, Rule.OnlyTheTargetAnswers})
    @PostMapping("/api/handoffs/{handoffId}/accept")
    public Mono<Done> accept(@PathVariable String handoffId, ServerWebExchange exchange) {
        return send(new AcceptHandoff(new HandoffId(handoffId), Actor.of(exchange), Actor.teams(exchange)),
                    handoffId, "ACCEPTED", exchange);
    }

    public record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    @Refuses({Rule.HandoffLifeCycle, Rule.OnlyTheTargetAnswers})
    @PostMapping("/api/handoffs/{handoffId}/decline")
    public Mono<Done> decline(@PathVariable String handoffId, @Valid @RequestBody Reason body,
                              ServerWebExchange exchange) {
        return send(new DeclineHandoff(new HandoffId(handoffId), Actor.of(exchange), Actor.teams(exchange),
                                       body.reason()), handoffId, "DECLINED", exchange);
    }

    public record OptionalReason(@Size(max = 1000) String reason) {
    }

    @Refuses(Rule.HandoffLifeCycle)
    @PostMapping("/api/handoffs/{handoffId}/cancel")
    public Mono<Done> cancel(@PathVariable String handoffId,
                             @Valid @RequestBody(required = false) OptionalReason body, ServerWebExchange exchange) {
        return send(new CancelHandoff(new HandoffId(handoffId), Actor.of(exchange), body == null ? null : body.reason()),
                    handoffId, "CANCELLED", exchange);
    }

    @Refuses({Rule.HandoffLifeCycle, Rule.OnlyTheAcceptorCompletes})
    @PostMapping("/api/handoffs/{handoffId}/complete")
    public Mono<Done> complete(@PathVariable String handoffId, ServerWebExchange exchange) {
        return send(new CompleteHandoff(new HandoffId(handoffId), Actor.of(exchange)), handoffId, "COMPLETED",
                    exchange);
    }

    private Mono<Void> ticketExists(String ticketId) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(ticketId).isPresent())
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(exists -> exists ? Mono.empty() : Mono.error(new ResponseStatusException(
                           HttpStatus.NOT_FOUND, "no ticket with id " + ticketId)));
    }

    private Mono<Done> send(Object command, String handoffId, String status, ServerWebExchange exchange) {
        return commands.send(command, exchange).then(Mono.just(new Done(handoffId, status)));
    }
}
