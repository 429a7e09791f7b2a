package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Waiting on a third party: SLA clocks pause. */
public record PutOnHold(@TargetAggregateIdentifier TicketId ticketId, String reason, String actor) {

    public PutOnHold {
        Require.present(ticketId, "ticketId");
        Require.text(reason, "reason", 1000);
        Require.text(actor, "actor", 200);
    }
}
