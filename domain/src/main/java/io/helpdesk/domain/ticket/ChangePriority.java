package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the priority by hand, with a reason. */
public record ChangePriority(@TargetAggregateIdentifier TicketId ticketId, Priority priority, String reason, String actor) {

    public ChangePriority {
        Require.present(ticketId, "ticketId");
        Require.present(priority, "priority");
        Require.text(reason, "reason", 1000);
        Require.text(actor, "actor", 200);
    }
}
