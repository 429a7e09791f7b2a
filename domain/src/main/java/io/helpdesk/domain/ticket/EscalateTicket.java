package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raises the ticket to a higher support tier. */
public record EscalateTicket(@TargetAggregateIdentifier TicketId ticketId, int level, String reason, String targetTeam, String actor) {

    public EscalateTicket {
        Require.present(ticketId, "ticketId");
        if (level < 1 || level > 3) {
            throw new InvalidInput("level", "must be between 1 and 3");
        }
        Require.text(reason, "reason", 1000);
        Require.text(targetTeam, "targetTeam", 200);
        Require.text(actor, "actor", 200);
    }
}
