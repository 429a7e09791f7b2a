package io.helpdesk.domain.organization;

import java.util.List;

/** An organization's name and domains as they are now. */
public record OrganizationChanged(String organizationId, String name, List<String> domains, String by)
        implements OrganizationEvent {

    public OrganizationChanged {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
