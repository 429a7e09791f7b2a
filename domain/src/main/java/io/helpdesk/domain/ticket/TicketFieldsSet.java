package io.helpdesk.domain.ticket;

import java.util.Map;

/** Custom fields' values changed: each key to its new value (null: cleared). */
public record TicketFieldsSet(String ticketId, Map<String, Object> values, String by) implements TicketEvent {

    public TicketFieldsSet {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
}
