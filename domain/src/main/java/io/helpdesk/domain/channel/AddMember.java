package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddMember(@TargetAggregateIdentifier ChannelId channelId, String actor, String member) {

    public AddMember {
        Require.present(channelId, "channelId");
        Require.text(actor, "actor", 200);
        Require.text(member, "member", 200);
    }
}
