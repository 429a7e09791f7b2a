package io.helpdesk.domain.field;

import io.helpdesk.domain.shared.InvalidInput;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A custom field an admin defined for tickets, contacts or organizations. Its type never changes; options are
 * renamed or added, never removed, so every value ever stored stays readable and reportable.
 */
public class FieldDefinition {

    @AggregateIdentifier
    private String key;
    private FieldType type;
    private String label;
    private List<FieldOption> options = List.of();

    protected FieldDefinition() {
    }

    @CommandHandler
    public FieldDefinition(DefineField command) {
        apply(new FieldDefined(command.key(), command.entity(), command.label(), command.type(), command.options(),
                               command.by()));
    }

    @CommandHandler
    public void handle(ChangeField command) {
        String newLabel = command.label() == null ? label : command.label();
        List<FieldOption> newOptions = options;
        if (command.options() != null) {
            newOptions = CustomFields.options(type, command.options(), "options");
            for (FieldOption kept : options) {
                if (newOptions.stream().noneMatch(option -> option.id().equals(kept.id()))) {
                    throw new InvalidInput("options", "option " + kept.id()
                            + " is missing: options are renamed or added, never removed (values hold them)");
                }
            }
        }
        if (!Objects.equals(newLabel, label) || !Objects.equals(newOptions, options)) {
            apply(new FieldChanged(key, newLabel, newOptions, command.by()));
        }
    }

    @EventSourcingHandler
    void on(FieldDefined event) {
        key = event.key();
        type = event.type();
        label = event.label();
        options = event.options();
    }

    @EventSourcingHandler
    void on(FieldChanged event) {
        label = event.label();
        options = event.options();
    }
}
