package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A message, optionally in the thread of an earlier one and about a ticket. */
public record PostMessage(@TargetAggregateIdentifier ChannelId channelId, String messageId, String actor, String body, String threadRootId, String ticketId) {

    public PostMessage {
        Require.present(channelId, "channelId");
        Require.text(messageId, "messageId", 64);
        Require.text(actor, "actor", 200);
        Require.text(body, "body", 40_000);
        threadRootId = Require.optionalText(threadRootId, "threadRootId", 64);
        ticketId = Require.optionalText(ticketId, "ticketId", 64);
    }
}
