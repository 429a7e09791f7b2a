package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetChannelTopic(@TargetAggregateIdentifier ChannelId channelId, String topic, String actor) {

    public SetChannelTopic {
        Require.present(channelId, "channelId");
        topic = Require.optionalText(topic, "topic", 250);
        Require.text(actor, "actor", 200);
    }
}
