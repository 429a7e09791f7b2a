package io.helpdesk.domain.organization;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Renames an organization or replaces its domains; null leaves either as it is. */
public record ChangeOrganization(@TargetAggregateIdentifier String organizationId, String name,
                                 List<String> domains, String by) {

    public ChangeOrganization {
        Require.text(organizationId, "organizationId", 64);
        name = name == null ? null : Require.text(name, "name", 200).strip();
        domains = domains == null ? null : Organizations.domains(domains, "domains");
        Require.text(by, "by", 200);
    }
}
