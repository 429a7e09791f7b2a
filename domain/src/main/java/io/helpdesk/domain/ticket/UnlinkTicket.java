package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnlinkTicket(@TargetAggregateIdentifier TicketId ticketId, String otherTicketId, String actor) {

    public UnlinkTicket {
        Require.present(ticketId, "ticketId");
        Require.text(otherTicketId, "otherTicketId", 64);
        Require.text(actor, "actor", 200);
    }
}
