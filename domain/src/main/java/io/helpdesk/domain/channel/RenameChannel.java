package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RenameChannel(@TargetAggregateIdentifier ChannelId channelId, String name, String actor) {

    public RenameChannel {
        Require.present(channelId, "channelId");
        Require.text(name, "name", 80);
        Require.text(actor, "actor", 200);
    }
}
