package io.helpdesk.command.rules;

import io.helpdesk.command.field.FieldLookups;
import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.field.CustomFields;
import io.helpdesk.domain.field.FieldEntity;
import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.rule.ChangeRule;
import io.helpdesk.domain.rule.CreateRule;
import io.helpdesk.domain.rule.RuleCondition;
import io.helpdesk.domain.rule.RuleDefinition;
import io.helpdesk.domain.rule.RuleTimer;
import io.helpdesk.domain.rule.RuleTrigger;
import io.helpdesk.domain.shared.InvalidInput;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Rules: MANAGER and ADMIN write them (each change a new version, disabling one too) and try a draft on a period
 * of history ({@code dry-run}); staff read them. Rules run through {@link RuleTriggers}.
 */
@RestController
public class RuleEndpoints {

    static final Duration LONGEST_DRY_RUN = Duration.ofDays(366);
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final CommandDispatcher commands;
    private final RuleBook rules;
    private final RuleDryRun dryRun;

    private final FieldLookups fields;

    public RuleEndpoints(CommandDispatcher commands, RuleBook rules, RuleDryRun dryRun, FieldLookups fields) {
        this.commands = commands;
        this.rules = rules;
        this.dryRun = dryRun;
        this.fields = fields;
    }

    /** A rule as written: {@code enabled} is true and {@code position} 0 unless given. */
    public record Definition(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
                             @Schema(description = "Rules run in ascending position (then by id).") Integer position,
                             Boolean enabled,
                             @Schema(description = "The events the rule runs on; a rule has triggers or a timer.")
                             List<RuleTrigger> triggers,
                             RuleTimer timer,
                             List<RuleCondition> conditions,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<MacroAction> actions) {

        RuleDefinition definition() {
            return new RuleDefinition(name, position == null ? 0 : position, enabled == null || enabled, triggers,
                                      timer, conditions, actions);
        }
    }

    public record RuleView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ruleId,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int version,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int position,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<RuleTrigger> triggers,
                           RuleTimer timer,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<RuleCondition> conditions,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<MacroAction> actions) {

        static RuleView of(String ruleId, int version, RuleDefinition rule) {
            return new RuleView(ruleId, version, rule.name(), rule.position(), rule.enabled(), rule.triggers(),
                                rule.timer(), rule.conditions(), rule.actions());
        }
    }

    public record DryRun(@NotNull @Valid Definition rule, @NotNull Instant from, @NotNull Instant to) {
    }

    @PostMapping("/api/rules")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<RuleView> create(@Valid @RequestBody Definition body, ServerWebExchange exchange) {
        String id = UUID.randomUUID().toString();
        RuleDefinition definition = body.definition();
        return checked(definition)
                .flatMap(checked -> commands.send(new CreateRule(id, checked, Actor.of(exchange)), exchange))
                .then(Mono.just(RuleView.of(id, 1, definition)));
    }

    @PutMapping("/api/rules/{ruleId}")
    public Mono<RuleView> change(@PathVariable String ruleId, @Valid @RequestBody Definition body,
                                 ServerWebExchange exchange) {
        return checked(body.definition())
                .flatMap(checked -> commands.send(new ChangeRule(ruleId, checked, Actor.of(exchange)), exchange))
                .then(read(ruleId));
    }

    @GetMapping("/api/rules")
    public Mono<List<RuleView>> list() {
        return Mono.fromCallable(() -> rules.all().stream()
                                            .map(rule -> RuleView.of(rule.ruleId(), rule.version(), rule.definition()))
                                            .toList())
                   .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/rules/{ruleId}")
    public Mono<RuleView> read(@PathVariable String ruleId) {
        return Mono.fromCallable(() -> rules.find(ruleId)
                                            .map(rule -> RuleView.of(rule.ruleId(), rule.version(), rule.definition()))
                                            .orElseThrow(() -> new ResponseStatusException(
                                                    HttpStatus.NOT_FOUND, "no rule with id " + ruleId)))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Replays a period of history through a draft rule and reports where it would have run and what it would have
     * done; writes nothing. The period is at most 366 days.
     */
    @PostMapping("/api/rules/dry-run")
    public Mono<RuleDryRun.Result> dryRun(@Valid @RequestBody DryRun request) {
        if (request.from().isBefore(Instant.EPOCH)) {
            throw new InvalidInput("from", "must be 1970 or later");
        }
        if (request.to().isAfter(LATEST)) {
            throw new InvalidInput("to", "must be before the year 10000");
        }
        if (!request.to().isAfter(request.from())) {
            throw new InvalidInput("to", "must be after from");
        }
        if (Duration.between(request.from(), request.to()).compareTo(LONGEST_DRY_RUN) > 0) {
            throw new InvalidInput("to", "must be at most 366 days after from");
        }
        RuleDefinition definition = request.rule().definition();
        return checked(definition).map(checked -> dryRun.run(checked, request.from(), request.to()))
                                  .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The definition once its FIELD conditions are checked: each names a ticket field, and its value (when given)
     * is one that field can hold; 400 naming {@code conditions[i].key} or {@code conditions[i].value} otherwise.
     */
    private Mono<RuleDefinition> checked(RuleDefinition definition) {
        if (definition.conditions().stream().noneMatch(c -> c.field() == RuleCondition.Field.FIELD)) {
            return Mono.just(definition);
        }
        return Mono.fromCallable(() -> {
            List<RuleCondition> conditions = definition.conditions();
            for (int i = 0; i < conditions.size(); i++) {
                RuleCondition condition = conditions.get(i);
                if (condition.field() != RuleCondition.Field.FIELD) {
                    continue;
                }
                String name = "conditions[" + i + "]";
                FieldLookups.Field field = fields.field(condition.key()).orElse(null);
                if (field == null || field.entity() != FieldEntity.TICKET) {
                    throw new InvalidInput(name + ".key", "is not a ticket field");
                }
                if (condition.value() != null) {
                    CustomFields.conditionValue(field.type(), field.optionIds(), condition.value(), name + ".value");
                }
            }
            return definition;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
