package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record JoinChannel(@TargetAggregateIdentifier ChannelId channelId, String actor) {

    public JoinChannel {
        Require.present(channelId, "channelId");
        Require.text(actor, "actor", 200);
    }
}
