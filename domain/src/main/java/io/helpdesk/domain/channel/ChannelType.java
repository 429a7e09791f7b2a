package io.helpdesk.domain.channel;

public enum ChannelType {
    /** Any staff member may join and post. */
    PUBLIC,
    /** Members only: joined by invitation. */
    PRIVATE,
    /** Exactly two members, for good. */
    DIRECT
}
