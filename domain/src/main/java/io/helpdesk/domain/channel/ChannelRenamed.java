package io.helpdesk.domain.channel;

public record ChannelRenamed(String channelId, String name, String renamedBy) implements ChannelEvent {
}
