package io.helpdesk.domain.channel;

public record MemberJoined(String channelId, String member) implements ChannelEvent {
}
