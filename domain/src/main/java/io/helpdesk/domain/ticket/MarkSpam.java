package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ticket is spam: it is closed as such (and the sender may then be blocked). */
public record MarkSpam(@TargetAggregateIdentifier TicketId ticketId, String actor) {

    public MarkSpam {
        Require.present(ticketId, "ticketId");
        Require.text(actor, "actor", 200);
    }
}
