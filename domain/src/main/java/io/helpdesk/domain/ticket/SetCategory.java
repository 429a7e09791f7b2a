package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetCategory(@TargetAggregateIdentifier TicketId ticketId, String category, String actor) {

    public SetCategory {
        Require.present(ticketId, "ticketId");
        Require.text(category, "category", 200);
        Require.text(actor, "actor", 200);
    }
}
