package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EditMessage(@TargetAggregateIdentifier ChannelId channelId, String messageId, String actor, String body) {

    public EditMessage {
        Require.present(channelId, "channelId");
        Require.text(messageId, "messageId", 64);
        Require.text(actor, "actor", 200);
        Require.text(body, "body", 40_000);
    }
}
