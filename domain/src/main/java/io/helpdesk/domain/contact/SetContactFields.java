package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Sets custom fields' values of a contact (already checked against their definitions; null clears one). */
public record SetContactFields(@TargetAggregateIdentifier String contactId, Map<String, Object> values, String by) {

    public SetContactFields {
        Require.text(contactId, "contactId", 64);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        Require.text(by, "by", 200);
    }
}
