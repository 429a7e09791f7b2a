package io.helpdesk.domain.channel;

public record ChannelCreated(String channelId, ChannelType type, String name, String topic, String createdBy, java.util.List<String> members) implements ChannelEvent {
}
