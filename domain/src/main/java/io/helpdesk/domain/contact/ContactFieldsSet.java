package io.helpdesk.domain.contact;

import java.util.Map;

/** Custom fields' values of the contact changed: each key to its new value (null: cleared). */
public record ContactFieldsSet(String contactId, Map<String, Object> values, String by) implements ContactEvent {

    public ContactFieldsSet {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
}
