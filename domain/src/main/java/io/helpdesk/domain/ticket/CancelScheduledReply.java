package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelScheduledReply(@TargetAggregateIdentifier TicketId ticketId, String scheduleId, String actor) {

    public CancelScheduledReply {
        Require.present(ticketId, "ticketId");
        Require.text(scheduleId, "scheduleId", 64);
        Require.text(actor, "actor", 200);
    }
}
