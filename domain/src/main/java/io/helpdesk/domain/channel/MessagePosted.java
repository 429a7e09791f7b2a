package io.helpdesk.domain.channel;

public record MessagePosted(String channelId, String messageId, String author, String body, String threadRootId, String ticketId, java.util.List<String> mentions) implements ChannelEvent {
}
