package io.helpdesk.domain.organization;

import io.helpdesk.domain.field.FieldValues;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A group of contacts (a customer company). That a domain belongs to one organization only is kept by
 * command-app's lookup of domains, in the transaction of these events.
 */
public class Organization {

    @AggregateIdentifier
    private String organizationId;
    private String name;
    private List<String> domains = List.of();
    private final Map<String, Object> fields = new java.util.TreeMap<>();

    protected Organization() {
    }

    @CommandHandler
    public Organization(CreateOrganization command) {
        apply(new OrganizationCreated(command.organizationId(), command.name(), command.domains(), command.by()));
    }

    @CommandHandler
    public void handle(ChangeOrganization command) {
        String newName = command.name() == null ? name : command.name();
        List<String> newDomains = command.domains() == null ? domains : command.domains();
        if (!Objects.equals(newName, name) || !Objects.equals(newDomains, domains)) {
            apply(new OrganizationChanged(organizationId, newName, newDomains, command.by()));
        }
    }

    /** Custom fields' values; only those that change are recorded. */
    @CommandHandler
    public void handle(SetOrganizationFields command) {
        Map<String, Object> changed = FieldValues.changed(fields, command.values());
        if (!changed.isEmpty()) {
            apply(new OrganizationFieldsSet(organizationId, changed, command.by()));
        }
    }

    @EventSourcingHandler
    void on(OrganizationFieldsSet event) {
        FieldValues.apply(fields, event.values());
    }

    @EventSourcingHandler
    void on(OrganizationCreated event) {
        organizationId = event.organizationId();
        name = event.name();
        domains = event.domains();
    }

    @EventSourcingHandler
    void on(OrganizationChanged event) {
        name = event.name();
        domains = event.domains();
    }
}
