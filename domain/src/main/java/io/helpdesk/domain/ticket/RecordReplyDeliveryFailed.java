package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The delivery of a reply records that it could not be handed over; once per reply. */
public record RecordReplyDeliveryFailed(@TargetAggregateIdentifier TicketId ticketId, String replyId,
                                        ContactChannel channel, String reason, String agentId) {

    public RecordReplyDeliveryFailed {
        Require.present(ticketId, "ticketId");
        Require.text(replyId, "replyId", 200);
        Require.present(channel, "channel");
        Require.text(reason, "reason", 2000);
        Require.text(agentId, "agentId", 200);
    }
}
