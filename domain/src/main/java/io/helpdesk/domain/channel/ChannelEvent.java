package io.helpdesk.domain.channel;

/** Every event of a staff channel. */
public sealed interface ChannelEvent permits
        ChannelCreated,
        MemberJoined,
        MemberLeft,
        MemberAdded,
        MemberRemoved,
        MessagePosted,
        MessageEdited,
        MessageDeleted,
        ChannelRenamed,
        ChannelTopicSet,
        ChannelArchived {

    String channelId();
}
