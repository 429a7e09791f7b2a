package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Back from pending or on hold: SLA clocks run again. */
public record ReturnToOpen(@TargetAggregateIdentifier TicketId ticketId, String reason, String actor) {

    public ReturnToOpen {
        Require.present(ticketId, "ticketId");
        reason = Require.optionalText(reason, "reason", 1000);
        Require.text(actor, "actor", 200);
    }
}
