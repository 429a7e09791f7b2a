package io.helpdesk.domain.channel;

public record ChannelTopicSet(String channelId, String topic, String setBy) implements ChannelEvent {
}
