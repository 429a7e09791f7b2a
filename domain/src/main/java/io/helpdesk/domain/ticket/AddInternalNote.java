package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A note only staff see; {@code @handle} mentions notify colleagues. */
public record AddInternalNote(@TargetAggregateIdentifier TicketId ticketId, String author, String body) {

    public AddInternalNote {
        Require.present(ticketId, "ticketId");
        Require.text(author, "author", 200);
        Require.text(body, "body", 100_000);
    }
}
