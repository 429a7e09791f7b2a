package io.helpdesk.query.notifications;

import io.helpdesk.domain.channel.MessageEdited;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.ReplyDeliveryFailed;
import io.helpdesk.domain.ticket.ScheduledReplyCancelled;
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
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.helpdesk.eventstore.HelpdeskJdbcEventStorageEngine.EVENT_POSITION;

/**
 * Staff notifications: who was mentioned (ticket notes, channel messages), who was asked to take a handoff
 * (an agent, or every member of a team: recipient {@code team:<name>}), whose reply was not delivered and whose
 * scheduled reply was cancelled. A read model, not a side effect: it
 * sends nothing anywhere, so a replay rebuilds it safely.
 */
@Component
@ProcessingGroup(NotificationProjection.GROUP)
public class NotificationProjection extends Projection {

    public static final String GROUP = "notifications";

    /** What each user has read is kept beside it ({@code notification_read}), not in its table. */
    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            new ReadModel.Table("notification", "SELECT id, source, recipient, kind, ticket_id, channel_id, "
                    + "handoff_id, actor, excerpt, at FROM readmodel.notification ORDER BY source")),
            "/api/notifications");
    private static final int EXCERPT = 200;
    /** The most people one event notifies; past them an event with more mentions notifies nobody more. */
    private static final int PER_EVENT = 1000;

    private final BatchingJdbcTemplate jdbc;
    private final ReadModelChanges changes;

    public NotificationProjection(BatchingJdbcTemplate jdbc, ReadModelChanges changes) {
        super(jdbc);
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(InternalNoteAdded event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        notify(event.mentions(), eventId, eventPosition(position, token), "MENTION", event.ticketId(), null, null, event.author(), event.body(), at);
    }

    @EventHandler
    void on(MessagePosted event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        notify(event.mentions(), eventId, eventPosition(position, token), "MENTION", event.ticketId(), event.channelId(), null, event.author(),
               event.body(), at);
    }

    @EventHandler
    void on(MessageEdited event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        notify(event.mentions(), eventId, eventPosition(position, token), "MENTION", null, event.channelId(), null, event.author(), event.body(), at);
    }

    @EventHandler
    void on(HandoffRequested event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        String recipient = event.toAgent() != null ? event.toAgent() : "team:" + event.toTeam();
        notify(List.of(recipient), eventId, eventPosition(position, token), "HANDOFF", event.ticketId(), null, event.handoffId(),
               event.requestedBy(), event.reason(), at);
    }

    /** The agent learns that their reply did not reach the customer, and why. */
    @EventHandler
    void on(ReplyDeliveryFailed event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        if (event.agentId() != null) {
            notify(List.of(event.agentId()), eventId, eventPosition(position, token), "REPLY_FAILED",
                   event.ticketId(), null, null, "delivery", event.reason(), at);
        }
    }

    /** The agent learns that their scheduled reply will not be sent (the customer wrote first, say). */
    @EventHandler
    void on(ScheduledReplyCancelled event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(EVENT_POSITION) Object position, TrackingToken token) {
        notify(List.of(event.agentId()), eventId, eventPosition(position, token), "REPLY_CANCELLED",
               event.ticketId(), null, null, event.actor(), event.reason(), at);
    }

    /** The excerpts the ticket's own events gave (notes, delivery failures) read as erased. */
    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketErased event) {
        jdbc.update("""
                            UPDATE readmodel.notification SET excerpt = CASE WHEN excerpt IS NULL THEN NULL ELSE ? END
                            WHERE ticket_id = ? AND channel_id IS NULL AND handoff_id IS NULL""",
                    io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, event.ticketId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.notification");
    }

    /** A notification's id: its event's position * 1000 + its place among that event's notifications. */
    private void notify(List<String> recipients, String eventId, long eventPosition, String kind, String ticketId, String channelId,
                        String handoffId, String actor, String text, Instant at) {
        String excerpt = text == null || text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
        int place = 0;
        for (String recipient : recipients) {
            if (recipient.equals(actor) || place == PER_EVENT) {
                continue;
            }
            String source = eventId + "/" + recipient;
            jdbc.updateRow(new Row("notification", source), """
                                   INSERT INTO readmodel.notification (id, source, recipient, kind, ticket_id,
                                       channel_id, handoff_id, actor, excerpt, at)
                                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                   ON CONFLICT (source) DO NOTHING""",
                           eventPosition * PER_EVENT + place++, source, recipient, kind, ticketId, channelId, handoffId, actor, excerpt,
                           at.atOffset(ZoneOffset.UTC));
            changes.notification(recipient);
        }
    }
}
