package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a staff channel; the creator is always a member. A direct channel names exactly one other member. */
public record CreateChannel(@TargetAggregateIdentifier ChannelId channelId, ChannelType type, String name, String topic, String actor, java.util.List<String> members) {

    public CreateChannel {
        Require.present(channelId, "channelId");
        Require.present(type, "type");
        name = type == ChannelType.DIRECT ? Require.optionalText(name, "name", 80) : Require.text(name, "name", 80);
        topic = Require.optionalText(topic, "topic", 250);
        Require.text(actor, "actor", 200);
        members = members == null ? java.util.List.of() : members.stream().distinct().toList();
    }
}
