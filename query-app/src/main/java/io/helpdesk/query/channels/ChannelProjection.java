package io.helpdesk.query.channels;

import io.helpdesk.domain.channel.ChannelArchived;
import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelRenamed;
import io.helpdesk.domain.channel.ChannelTopicSet;
import io.helpdesk.domain.channel.MemberAdded;
import io.helpdesk.domain.channel.MemberJoined;
import io.helpdesk.domain.channel.MemberLeft;
import io.helpdesk.domain.channel.MemberRemoved;
import io.helpdesk.domain.channel.MessageDeleted;
import io.helpdesk.domain.channel.MessageEdited;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.eventstore.HelpdeskJdbcEventStorageEngine;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Staff channels as members see them: channels, members and messages with their threads. */
@Component
@ProcessingGroup(ChannelProjection.GROUP)
public class ChannelProjection extends Projection {

    public static final String GROUP = "channels";

    /** How far each user has read is kept beside it ({@code channel_read_marker}), not in its tables. */
    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("channel_view", "channel_id"),
            ReadModel.Table.of("channel_member", "channel_id, member"),
            new ReadModel.Table("channel_message", "SELECT position, channel_id, message_id, author, body, "
                    + "thread_root_id, ticket_id, posted_at, edited_at, deleted FROM readmodel.channel_message "
                    + "ORDER BY channel_id, position")),
            "/api/channels");

    private final BatchingJdbcTemplate jdbc;
    private final ReadModelChanges changes;

    public ChannelProjection(BatchingJdbcTemplate jdbc, ReadModelChanges changes) {
        super(jdbc);
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(ChannelCreated event, @Timestamp Instant at) {
        jdbc.updateRow(view(event.channelId()),
                       "INSERT INTO readmodel.channel_view (channel_id, type, name, topic, created_at)"
                               + " VALUES (?, ?, ?, ?, ?)",
                       event.channelId(), event.type().name(), event.name(), event.topic(), utc(at));
        event.members().forEach(member -> join(event.channelId(), member));
        changes.channel(event.channelId());
    }

    @EventHandler
    void on(MemberJoined event) {
        join(event.channelId(), event.member());
    }

    @EventHandler
    void on(MemberAdded event) {
        join(event.channelId(), event.member());
    }

    @EventHandler
    void on(MemberLeft event) {
        leave(event.channelId(), event.member());
    }

    @EventHandler
    void on(MemberRemoved event) {
        leave(event.channelId(), event.member());
    }

    @EventHandler
    void on(MessagePosted event, @Timestamp Instant at,
            @MetaDataValue(HelpdeskJdbcEventStorageEngine.EVENT_POSITION) Object position, TrackingToken token) {
        jdbc.updateRow(messages(event.channelId()), """
                               INSERT INTO readmodel.channel_message (position, channel_id, message_id, author, body,
                                   thread_root_id, ticket_id, posted_at)
                               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                       eventPosition(position, token), event.channelId(), event.messageId(), event.author(),
                       event.body(), event.threadRootId(), event.ticketId(), utc(at));
        changes.channel(event.channelId());
    }

    @EventHandler
    void on(MessageEdited event, @Timestamp Instant at) {
        jdbc.updateRow(messages(event.channelId()),
                       "UPDATE readmodel.channel_message SET body = ?, edited_at = ?"
                               + " WHERE channel_id = ? AND message_id = ?",
                       event.body(), utc(at), event.channelId(), event.messageId());
        changes.channel(event.channelId());
    }

    @EventHandler
    void on(MessageDeleted event) {
        jdbc.updateRow(messages(event.channelId()), """
                               UPDATE readmodel.channel_message SET body = NULL, deleted = TRUE
                               WHERE channel_id = ? AND message_id = ?""",
                       event.channelId(), event.messageId());
        changes.channel(event.channelId());
    }

    @EventHandler
    void on(ChannelRenamed event) {
        jdbc.updateRow(view(event.channelId()), "UPDATE readmodel.channel_view SET name = ? WHERE channel_id = ?",
                       event.name(), event.channelId());
    }

    @EventHandler
    void on(ChannelTopicSet event) {
        jdbc.updateRow(view(event.channelId()), "UPDATE readmodel.channel_view SET topic = ? WHERE channel_id = ?",
                       event.topic(), event.channelId());
    }

    @EventHandler
    void on(ChannelArchived event) {
        jdbc.updateRow(view(event.channelId()),
                       "UPDATE readmodel.channel_view SET archived = TRUE WHERE channel_id = ?", event.channelId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.channel_message");
        jdbc.update("DELETE FROM readmodel.channel_member");
        jdbc.update("DELETE FROM readmodel.channel_view");
    }

    private void join(String channelId, String member) {
        jdbc.updateRow(member(channelId, member),
                       "INSERT INTO readmodel.channel_member (channel_id, member) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       channelId, member);
    }

    private void leave(String channelId, String member) {
        jdbc.updateRow(member(channelId, member),
                       "DELETE FROM readmodel.channel_member WHERE channel_id = ? AND member = ?", channelId, member);
    }

    private static Row view(String channelId) {
        return new Row("channel_view", channelId);
    }

    /** A channel's messages, written in the order of their events (a message's position is its event's). */
    private static Row messages(String channelId) {
        return new Row("channel_message", channelId);
    }

    private static Row member(String channelId, String member) {
        return new Row("channel_member", channelId + "/" + member);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
