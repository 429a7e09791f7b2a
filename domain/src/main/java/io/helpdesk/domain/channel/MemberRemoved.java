package io.helpdesk.domain.channel;

public record MemberRemoved(String channelId, String member, String removedBy) implements ChannelEvent {
}
