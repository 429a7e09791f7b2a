package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LeaveChannel(@TargetAggregateIdentifier ChannelId channelId, String actor) {

    public LeaveChannel {
        Require.present(channelId, "channelId");
        Require.text(actor, "actor", 200);
    }
}
