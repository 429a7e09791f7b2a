package io.helpdesk.domain.organization;

import java.util.List;

public record OrganizationCreated(String organizationId, String name, List<String> domains, String by)
        implements OrganizationEvent {

    public OrganizationCreated {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
