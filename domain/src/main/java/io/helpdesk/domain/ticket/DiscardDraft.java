package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DiscardDraft(@TargetAggregateIdentifier TicketId ticketId, String actor) {

    public DiscardDraft {
        Require.present(ticketId, "ticketId");
        Require.text(actor, "actor", 200);
    }
}
