package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Takes the ticket out of the inbox views until {@code until} or until the customer writes, whichever comes first
 * (no {@code until}: until the customer writes).
 */
public record SnoozeTicket(@TargetAggregateIdentifier TicketId ticketId, Instant until, String actor) {

    public SnoozeTicket {
        Require.present(ticketId, "ticketId");
        Require.text(actor, "actor", 200);
    }
}
