package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A bot proposes a reply for an agent to check. */
public record ProposeDraft(@TargetAggregateIdentifier TicketId ticketId, String bot, String body) {

    public ProposeDraft {
        Require.present(ticketId, "ticketId");
        Require.text(bot, "bot", 200);
        Require.text(body, "body", 100_000);
    }
}
