package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Drafts a nudge for a ticket that has waited on the customer at least {@code minimumWait}; never sends it. */
public record ProposeFollowUp(@TargetAggregateIdentifier TicketId ticketId, String body, java.time.Duration minimumWait, String actor) {

    public ProposeFollowUp {
        Require.present(ticketId, "ticketId");
        Require.text(body, "body", 100_000);
        Require.present(minimumWait, "minimumWait");
        Require.text(actor, "actor", 200);
    }
}
