package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.UUID;

public record TicketId(String value) {

    public TicketId {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("ticketId", "must not be blank");
        }
    }

    public static TicketId newId() {
        return new TicketId(UUID.randomUUID().toString());
    }

    /** Axon stores the aggregate identifier as this string. */
    @Override
    public String toString() {
        return value;
    }
}
