package io.helpdesk.domain.organization;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Sets custom fields' values of an organization (checked against their definitions; null clears one). */
public record SetOrganizationFields(@TargetAggregateIdentifier String organizationId, Map<String, Object> values,
                                   String by) {

    public SetOrganizationFields {
        Require.text(organizationId, "organizationId", 64);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        Require.text(by, "by", 200);
    }
}
