package io.helpdesk.domain.channel;

public record MemberLeft(String channelId, String member) implements ChannelEvent {
}
