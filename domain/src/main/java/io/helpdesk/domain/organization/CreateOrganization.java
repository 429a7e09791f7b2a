package io.helpdesk.domain.organization;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Makes an organization. {@code domains}: new contacts with an e-mail address at one of them join it (each
 * domain belongs to one organization at most).
 */
public record CreateOrganization(@TargetAggregateIdentifier String organizationId, String name,
                                 List<String> domains, String by) {

    public CreateOrganization {
        Require.text(organizationId, "organizationId", 64);
        name = Require.text(name, "name", 200).strip();
        domains = Organizations.domains(domains, "domains");
        Require.text(by, "by", 200);
    }
}
