package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Sets custom fields' values (already checked against their definitions; null clears one). */
public record SetTicketFields(@TargetAggregateIdentifier TicketId ticketId, Map<String, Object> values, String by) {

    public SetTicketFields {
        Require.present(ticketId, "ticketId");
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
        Require.text(by, "by", 200);
    }
}
