package io.helpdesk.domain.organization;

import java.util.Map;

/** Custom fields' values of the organization changed: each key to its new value (null: cleared). */
public record OrganizationFieldsSet(String organizationId, Map<String, Object> values, String by)
        implements OrganizationEvent {

    public OrganizationFieldsSet {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
}
