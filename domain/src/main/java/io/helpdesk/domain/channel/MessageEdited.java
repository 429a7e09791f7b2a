package io.helpdesk.domain.channel;

public record MessageEdited(String channelId, String messageId, String author, String body, java.util.List<String> mentions) implements ChannelEvent {
}
