package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteMessage(@TargetAggregateIdentifier ChannelId channelId, String messageId, String actor) {

    public DeleteMessage {
        Require.present(channelId, "channelId");
        Require.text(messageId, "messageId", 64);
        Require.text(actor, "actor", 200);
    }
}
