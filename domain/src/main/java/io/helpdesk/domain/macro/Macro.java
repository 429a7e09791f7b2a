package io.helpdesk.domain.macro;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A named list of actions agents apply to tickets in one step, versioned: each change makes a new version, and
 * every change an application makes names the macro and the version it used.
 */
public class Macro {

    @AggregateIdentifier
    private String id;
    private String name;
    private java.util.List<MacroAction> actions;
    private int version;

    protected Macro() {
    }

    @CommandHandler
    public Macro(CreateMacro command) {
        apply(new MacroCreated(command.macroId(), command.name(), command.actions(), 1, command.author()));
    }

    /** A change that changes nothing makes no new version. */
    @CommandHandler
    public void handle(ChangeMacro command) {
        if (Objects.equals(name, command.name()) && Objects.equals(actions, command.actions())) {
            return;
        }
        apply(new MacroChanged(id, command.name(), command.actions(), version + 1, command.author()));
    }

    @EventSourcingHandler
    void on(MacroCreated event) {
        id = event.macroId();
        name = event.name();
        actions = event.actions();
        version = event.version();
    }

    @EventSourcingHandler
    void on(MacroChanged event) {
        name = event.name();
        actions = event.actions();
        version = event.version();
    }
}
