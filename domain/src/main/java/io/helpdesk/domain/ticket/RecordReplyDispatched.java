package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The delivery of a reply records that its provider took it; a second record of the same reply changes nothing. */
public record RecordReplyDispatched(@TargetAggregateIdentifier TicketId ticketId, String replyId,
                                    ContactChannel channel, String provider, String messageId, String agentId) {

    public RecordReplyDispatched {
        Require.present(ticketId, "ticketId");
        Require.text(replyId, "replyId", 200);
        Require.present(channel, "channel");
        Require.text(provider, "provider", 100);
        Require.text(messageId, "messageId", 1000);
        Require.text(agentId, "agentId", 200);
    }
}
