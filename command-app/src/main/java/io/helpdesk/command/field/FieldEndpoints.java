package io.helpdesk.command.field;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.contact.SetContactFields;
import io.helpdesk.domain.field.ChangeField;
import io.helpdesk.domain.field.CustomFields;
import io.helpdesk.domain.field.DefineField;
import io.helpdesk.domain.field.FieldEntity;
import io.helpdesk.domain.field.FieldOption;
import io.helpdesk.domain.field.FieldType;
import io.helpdesk.domain.organization.SetOrganizationFields;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.SetTicketFields;
import io.helpdesk.domain.ticket.TicketId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Custom fields: ADMIN defines them (typed, select fields with options); staff read the definitions and set a
 * ticket's values, each checked against its field (400 naming {@code fields.<key>}).
 */
@RestController
public class FieldEndpoints {

    private final CommandDispatcher commands;
    private final FieldLookups fields;
    private final KnownAggregates known;

    public FieldEndpoints(CommandDispatcher commands, FieldLookups fields, KnownAggregates known) {
        this.commands = commands;
        this.fields = fields;
        this.known = known;
    }

    public record NewField(@Schema(description = "1-40 lower-case letters, digits or _; how values name the field")
                           @NotBlank @Size(max = 40) String key,
                           @NotNull FieldEntity entity, @NotBlank @Size(max = 200) String label,
                           @NotNull FieldType type, @Size(max = 200) List<FieldOption> options) {
    }

    /** Null leaves either as it is; options are renamed or added, never removed. */
    public record FieldChange(@Size(max = 200) String label, @Size(max = 200) List<FieldOption> options) {
    }

    public record FieldView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String key,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) FieldEntity entity,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String label,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) FieldType type,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<FieldOption> options) {
    }

    /** The ticket, contact or organization whose fields were set. */
    public record FieldsSet(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id) {
    }

    @PostMapping("/api/admin/fields")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<FieldView> define(@Valid @RequestBody NewField body, ServerWebExchange exchange) {
        return commands.send(new DefineField(body.key(), body.entity(), body.label(), body.type(), body.options(),
                                             Actor.of(exchange)), exchange)
                       .then(view(body.key()));
    }

    @PutMapping("/api/admin/fields/{key}")
    public Mono<FieldView> change(@PathVariable String key, @Valid @RequestBody FieldChange body,
                                  ServerWebExchange exchange) {
        return known.found("FieldDefinition", key)
                    .then(commands.send(new ChangeField(key, body.label(), body.options(), Actor.of(exchange)), exchange))
                    .then(view(key));
    }

    @GetMapping("/api/fields")
    public Mono<List<FieldView>> definitions() {
        return Mono.fromCallable(() -> fields.all().stream().map(FieldEndpoints::view).toList())
                   .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Sets the ticket's custom fields: {@code {"<key>": value}}, each a TICKET field; null clears one. Values:
     * TEXT a text, NUMBER a number, DATE {@code 2026-12-31}, SELECT an option's id, MULTI_SELECT a list of them,
     * CHECKBOX true or false.
     */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PutMapping("/api/tickets/{ticketId}/fields")
    public Mono<FieldsSet> setTicketFields(@PathVariable String ticketId,
                                           @RequestBody @Schema(description = "field key to value")
                                           Map<String, Object> values, ServerWebExchange exchange) {
        return set("Ticket", ticketId, FieldEntity.TICKET, values,
                   checked -> new SetTicketFields(new TicketId(ticketId), checked, Actor.of(exchange)), exchange);
    }

    /** Sets a contact's custom fields, as for a ticket (CONTACT fields). */
    @Refuses({Rule.ContactErased, Rule.ContactMerged})
    @PutMapping("/api/contacts/{contactId}/fields")
    public Mono<FieldsSet> setContactFields(@PathVariable String contactId,
                                            @RequestBody @Schema(description = "field key to value")
                                            Map<String, Object> values, ServerWebExchange exchange) {
        return set("Contact", contactId, FieldEntity.CONTACT, values,
                   checked -> new SetContactFields(contactId, checked, Actor.of(exchange)), exchange);
    }

    /** Sets an organization's custom fields (ORGANIZATION fields; MANAGER, ADMIN). */
    @PutMapping("/api/organizations/{organizationId}/fields")
    public Mono<FieldsSet> setOrganizationFields(@PathVariable String organizationId,
                                                 @RequestBody @Schema(description = "field key to value")
                                                 Map<String, Object> values, ServerWebExchange exchange) {
        return set("Organization", organizationId, FieldEntity.ORGANIZATION, values,
                   checked -> new SetOrganizationFields(organizationId, checked, Actor.of(exchange)), exchange);
    }

    /**
     * 404 unless {@code id} names an aggregate of {@code type}; then the values checked against the entity's fields
     * and sent as the command {@code set} makes of them.
     */
    private Mono<FieldsSet> set(String type, String id, FieldEntity entity, Map<String, Object> values,
                                Function<Map<String, Object>, Object> set, ServerWebExchange exchange) {
        return known.found(type, id)
                    .then(Mono.fromCallable(() -> checked(values, entity)).subscribeOn(Schedulers.boundedElastic()))
                    .flatMap(checked -> commands.send(set.apply(checked), exchange))
                    .thenReturn(new FieldsSet(id));
    }

    private Map<String, Object> checked(Map<String, Object> values, FieldEntity entity) {
        if (values == null || values.isEmpty() || values.size() > 100) {
            throw new InvalidInput("fields", "give 1 to 100 fields, {\"<key>\": value}");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = "fields." + key;
            FieldLookups.Field field = CustomFields.KEY.matcher(key).matches() ? fields.field(key).orElse(null) : null;
            if (field == null || field.entity() != entity) {
                throw new InvalidInput(name, "is not a " + entity.name().toLowerCase() + " field");
            }
            checked.put(key, CustomFields.value(field.type(), field.optionIds(), value, name));
        });
        return checked;
    }

    private Mono<FieldView> view(String key) {
        return Mono.fromCallable(() -> fields.field(key).map(FieldEndpoints::view).orElseThrow())
                   .subscribeOn(Schedulers.boundedElastic());
    }

    private static FieldView view(FieldLookups.Field field) {
        return new FieldView(field.key(), field.entity(), field.label(), field.type(), field.options());
    }
}
