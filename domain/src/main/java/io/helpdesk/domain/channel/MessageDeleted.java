package io.helpdesk.domain.channel;

public record MessageDeleted(String channelId, String messageId, String author) implements ChannelEvent {
}
