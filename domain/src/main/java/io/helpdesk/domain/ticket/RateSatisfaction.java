package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer's CSAT score, 1 to 5, once and only after resolution. */
public record RateSatisfaction(@TargetAggregateIdentifier TicketId ticketId, int score, String comment) {

    public RateSatisfaction {
        Require.present(ticketId, "ticketId");
        if (score < 1 || score > 5) {
            throw new InvalidInput("score", "must be between 1 and 5");
        }
        comment = Require.optionalText(comment, "comment", 5000);
    }
}
