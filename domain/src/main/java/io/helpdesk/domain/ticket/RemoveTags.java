package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveTags(@TargetAggregateIdentifier TicketId ticketId, java.util.List<String> tags) {

    public RemoveTags {
        Require.present(ticketId, "ticketId");
        tags = Tags.normalise(tags);
    }
}
