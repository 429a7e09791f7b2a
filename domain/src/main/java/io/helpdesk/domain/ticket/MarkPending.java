package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Waiting on the customer: SLA clocks pause. */
public record MarkPending(@TargetAggregateIdentifier TicketId ticketId, String reason, String actor) {

    public MarkPending {
        Require.present(ticketId, "ticketId");
        reason = Require.optionalText(reason, "reason", 1000);
        Require.text(actor, "actor", 200);
    }
}
