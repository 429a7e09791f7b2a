package io.helpdesk.domain.rule;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trigger or time-based automation, versioned: each change (disabling it too) makes a new version, so the
 * audit trail says who changed which rule when, and every change a rule makes to a ticket names the version.
 */
public class Rule {

    @AggregateIdentifier
    private String id;
    private RuleDefinition definition;
    private int version;

    protected Rule() {
    }

    @CommandHandler
    public Rule(CreateRule command) {
        apply(new RuleCreated(command.ruleId(), command.definition(), 1, command.author()));
    }

    /** A change that changes nothing makes no new version. */
    @CommandHandler
    public void handle(ChangeRule command) {
        if (!command.definition().equals(definition)) {
            apply(new RuleChanged(id, command.definition(), version + 1, command.author()));
        }
    }

    @EventSourcingHandler
    void on(RuleCreated event) {
        id = event.ruleId();
        definition = event.definition();
        version = event.version();
    }

    @EventSourcingHandler
    void on(RuleChanged event) {
        definition = event.definition();
        version = event.version();
    }
}
