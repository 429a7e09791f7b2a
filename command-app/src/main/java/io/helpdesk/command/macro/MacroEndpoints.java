package io.helpdesk.command.macro;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.ExpectedVersions;
import io.helpdesk.domain.macro.ChangeMacro;
import io.helpdesk.domain.macro.CreateMacro;
import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.macro.MacroChanged;
import io.helpdesk.domain.macro.MacroCreated;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.ApplyMacro;
import io.helpdesk.domain.ticket.TicketId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Macros: MANAGER and ADMIN create and change them (each change a new version); staff read them and apply one
 * to one ticket or many. On each ticket an application is one atomic change (see {@link ApplyMacro}); every
 * event it causes carries {@code macroId}, {@code macroVersion} and {@code macroApplication} in its metadata.
 * Definitions are read from the macros' own events: they are few, and a read model of them would only copy them.
 */
@RestController
public class MacroEndpoints {

    public static final String MACRO_ID = "macroId";
    public static final String MACRO_VERSION = "macroVersion";
    public static final String MACRO_APPLICATION = "macroApplication";
    /** On an undo's events: the application it reverts. */
    public static final String MACRO_UNDOES = "macroUndoes";

    private final CommandDispatcher commands;
    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final MacroApplications applications;
    private final MacroUndo undo;

    public MacroEndpoints(CommandDispatcher commands, EventStorageEngine events, JdbcTemplate jdbc,
                          MacroApplications applications, MacroUndo undo) {
        this.commands = commands;
        this.events = events;
        this.jdbc = jdbc;
        this.applications = applications;
        this.undo = undo;
    }

    public record Definition(@NotBlank @Size(max = 200) String name,
                             @NotEmpty @Size(max = 50) List<@Valid MacroAction> actions) {
    }

    public record MacroView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String macroId,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int version,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<MacroAction> actions) {
    }

    public record Application(@NotEmpty @Size(max = 100) List<@NotBlank String> ticketIds) {
    }

    /** One ticket's outcome: applied, or why not ({@code status} as the single request would have answered). */
    public record Outcome(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean applied,
                          Integer status, String problem) {
    }

    public record Applied(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String macroId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int version,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String applicationId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Outcome> results) {
    }

    @PostMapping("/api/macros")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<MacroView> create(@Valid @RequestBody Definition definition, ServerWebExchange exchange) {
        String id = UUID.randomUUID().toString();
        return commands.send(new CreateMacro(id, definition.name(), definition.actions(), Actor.of(exchange)), exchange)
                       .then(Mono.just(new MacroView(id, definition.name(), 1, definition.actions())));
    }

    @PutMapping("/api/macros/{macroId}")
    public Mono<MacroView> change(@PathVariable String macroId, @Valid @RequestBody Definition definition,
                                  ServerWebExchange exchange) {
        return commands.send(new ChangeMacro(macroId, definition.name(), definition.actions(), Actor.of(exchange)),
                             exchange)
                       .then(read(macroId));
    }

    @GetMapping("/api/macros")
    public Mono<List<MacroView>> list() {
        return Mono.fromCallable(() -> jdbc.queryForList("""
                        SELECT aggregate_identifier FROM eventstore.domain_event_entry
                        WHERE payload_type = 'io.helpdesk.domain.macro.MacroCreated' ORDER BY global_index""",
                                                         String.class)
                                           .stream().map(this::fold).flatMap(Optional::stream).toList())
                   .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/macros/{macroId}")
    public Mono<MacroView> read(@PathVariable String macroId) {
        return Mono.fromCallable(() -> fold(macroId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no macro with id " + macroId))).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Applies the macro's current version to each ticket, one atomic change per ticket; a ticket that refuses
     * (closed, a rule, a placeholder it cannot fill) is reported and the others go on.
     */
    @PostMapping("/api/macros/{macroId}/apply")
    public Mono<Applied> apply(@PathVariable String macroId, @Valid @RequestBody Application application,
                               ServerWebExchange exchange) {
        String applicationId = UUID.randomUUID().toString();
        return read(macroId).flatMap(macro -> {
            MetaData tagged = MetaData.with(MACRO_ID, macroId).and(MACRO_VERSION, macro.version())
                                      .and(MACRO_APPLICATION, applicationId);
            return outcomes(application.ticketIds().stream().distinct().toList(),
                            ticketId -> commands.send(new ApplyMacro(new TicketId(ticketId), macroId, macro.version(),
                                                                     macro.actions(), Actor.of(exchange)),
                                                      tagged, exchange))
                       .map(results -> new Applied(macroId, macro.version(), applicationId, results));
        });
    }

    /**
     * Reverts what one application did, on every ticket it changed, by recording compensating changes (see
     * {@link MacroUndo}); a ticket changed after the application (by anyone) is refused, never overwritten.
     */
    @PostMapping("/api/macros/applications/{applicationId}/undo")
    public Mono<Applied> undo(@PathVariable String applicationId, ServerWebExchange exchange) {
        String undoId = UUID.randomUUID().toString();
        return Mono.fromCallable(() -> applications.of(applicationId)).subscribeOn(Schedulers.boundedElastic())
                   .flatMap(applied -> {
                       if (applied.isEmpty()) {
                           return Mono.error(new ResponseStatusException(
                                   HttpStatus.NOT_FOUND, "no macro application with id " + applicationId));
                       }
                       Map<String, MacroApplications.Applied> byTicket = new LinkedHashMap<>();
                       applied.forEach(one -> byTicket.put(one.ticketId(), one));
                       return outcomes(List.copyOf(byTicket.keySet()), ticketId -> {
                           MacroApplications.Applied one = byTicket.get(ticketId);
                           return Mono.fromCallable(() -> undo.compensation(one, applicationId))
                                      .subscribeOn(Schedulers.boundedElastic())
                                      .flatMap(actions -> commands.send(
                                              new ApplyMacro(new TicketId(ticketId), one.macroId(), one.macroVersion(),
                                                             actions, Actor.of(exchange)),
                                              MetaData.with(MACRO_ID, one.macroId())
                                                      .and(MACRO_VERSION, one.macroVersion())
                                                      .and(MACRO_APPLICATION, undoId)
                                                      .and(MACRO_UNDOES, applicationId)
                                                      .and(ExpectedVersions.METADATA, one.lastSequence()),
                                              exchange));
                       }).map(results -> new Applied(applied.get(0).macroId(), applied.get(0).macroVersion(), undoId,
                                                     results));
                   });
    }

    /** The change made on each ticket in turn: applied, or the refusal the single request would have answered. */
    private static Mono<List<Outcome>> outcomes(List<String> ticketIds, Function<String, Mono<?>> change) {
        return Flux.fromIterable(ticketIds)
                   .concatMap(ticketId -> change.apply(ticketId)
                                                .then(Mono.just(new Outcome(ticketId, true, null, null)))
                                                .onErrorResume(MacroEndpoints::refusal,
                                                               e -> Mono.just(outcome(ticketId, e))))
                   .collectList();
    }

    private static boolean refusal(Throwable e) {
        return e instanceof RuleViolation || e instanceof InvalidInput || e instanceof AggregateNotFoundException
                || e instanceof ConflictingAggregateVersionException;
    }

    private static Outcome outcome(String ticketId, Throwable e) {
        if (e instanceof ConflictingAggregateVersionException stale) {
            return new Outcome(ticketId, false, 409, "the ticket changed after the macro (it is at version "
                    + stale.getActualVersion() + ", the macro's last change was " + stale.getExpectedVersion()
                    + "); not undone, so that no later change is overwritten");
        }
        int status = e instanceof RuleViolation ? 409 : e instanceof InvalidInput ? 400 : 404;
        String detail = e instanceof AggregateNotFoundException ? "no ticket with id " + ticketId : e.getMessage();
        return new Outcome(ticketId, false, status, detail);
    }

    /** The macro as its events tell it, at its latest version. */
    private Optional<MacroView> fold(String macroId) {
        List<MacroView> state = new ArrayList<>(1);
        events.readEvents(macroId, 0).asStream().forEach(event -> {
            if (event.getPayload() instanceof MacroCreated e) {
                state.add(new MacroView(e.macroId(), e.name(), e.version(), e.actions()));
            } else if (event.getPayload() instanceof MacroChanged e && !state.isEmpty()) {
                state.set(0, new MacroView(e.macroId(), e.name(), e.version(), e.actions()));
            }
        });
        return state.stream().findFirst();
    }
}
