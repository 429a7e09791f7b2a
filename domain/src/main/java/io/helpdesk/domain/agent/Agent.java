package io.helpdesk.domain.agent;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An agent as routing sees them: teams, skills, capacity and availability. Created by the first command about
 * them (a manager setting the profile, or the agent going online); a command that changes nothing records
 * nothing.
 */
public class Agent {

    @AggregateIdentifier
    private String id;
    private List<String> teams;
    private List<String> skills;
    private int capacity;
    private Availability availability;

    protected Agent() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetAgentProfile command) {
        if (id == null || !Objects.equals(teams, command.teams()) || !Objects.equals(skills, command.skills())
                || capacity != command.capacity()) {
            apply(new AgentProfileSet(command.agentId(), command.teams(), command.skills(), command.capacity(),
                                      command.by()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetAvailability command) {
        if (id == null) {
            apply(new AgentProfileSet(command.agentId(), List.of(), List.of(), 0, command.by()));
        }
        if (availability != command.availability()) {
            apply(new AgentAvailabilityChanged(command.agentId(), command.availability(), command.by()));
        }
    }

    @EventSourcingHandler
    void on(AgentProfileSet event) {
        id = event.agentId();
        teams = event.teams();
        skills = event.skills();
        capacity = event.capacity();
        if (availability == null) {
            availability = Availability.OFFLINE;
        }
    }

    @EventSourcingHandler
    void on(AgentAvailabilityChanged event) {
        availability = event.availability();
    }
}
