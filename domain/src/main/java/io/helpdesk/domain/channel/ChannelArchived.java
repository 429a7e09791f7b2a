package io.helpdesk.domain.channel;

public record ChannelArchived(String channelId, String archivedBy) implements ChannelEvent {
}
