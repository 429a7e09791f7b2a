package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Brings a snoozed ticket back now; a ticket that is not snoozed stays as it is. */
public record UnsnoozeTicket(@TargetAggregateIdentifier TicketId ticketId, String actor) {

    public UnsnoozeTicket {
        Require.present(ticketId, "ticketId");
        Require.text(actor, "actor", 200);
    }
}
