package io.helpdesk.domain.channel;

public record MemberAdded(String channelId, String member, String addedBy) implements ChannelEvent {
}
