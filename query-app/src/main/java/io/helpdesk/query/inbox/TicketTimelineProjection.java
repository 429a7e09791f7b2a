package io.helpdesk.query.inbox;

import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.handoff.HandoffCancelled;
import io.helpdesk.domain.handoff.HandoffCompleted;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffEvent;
import io.helpdesk.domain.handoff.HandoffExpired;
import io.helpdesk.domain.handoff.HandoffRequested;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.AutomationTimerElapsed;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.DraftDiscarded;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.ReplyDelivered;
import io.helpdesk.domain.ticket.ReplyDeliveryFailed;
import io.helpdesk.domain.ticket.ReplyDispatched;
import io.helpdesk.domain.ticket.ReplyScheduled;
import io.helpdesk.domain.ticket.RuleFired;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.ScheduledReplyCancelled;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAlertRaised;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketEscalated;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.MergedMessagesRemoved;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.MessagesSplitOff;
import io.helpdesk.domain.ticket.MovedMessage;
import io.helpdesk.domain.ticket.TicketMerged;
import io.helpdesk.domain.ticket.TicketUnmerged;
import io.helpdesk.domain.ticket.TicketLinked;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketMarkedSpam;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketSnoozed;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.TicketUnlinked;
import io.helpdesk.domain.ticket.TicketUnsnoozed;
import io.helpdesk.eventstore.HelpdeskJdbcEventStorageEngine;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModelChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The ticket detail's timeline: messages, notes, status, assignment, handoffs and SLA events, in order. */
@Component
@ProcessingGroup(InboxProjection.GROUP)
public class TicketTimelineProjection extends Projection {

    private static final String ERASED = io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED;

    /** The lines whose detail is personal data (what a customer or the staff wrote, a provider's refusal). */
    private static final String[] PERSONAL_LINES = {"OPENED", "CUSTOMER_MESSAGE", "AGENT_REPLY", "NOTE",
            "DRAFT_PROPOSED", "DRAFT_EDITED", "REPLY_SCHEDULED", "REPLY_FAILED", "CSAT", "ALERT", "SPAM"};

    /** Writes attachment references only: plain records of strings and numbers, the same on every run. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchingJdbcTemplate jdbc;
    private final ReadModelChanges changes;

    public TicketTimelineProjection(BatchingJdbcTemplate jdbc, ReadModelChanges changes) {
        super(jdbc);
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(TicketEvent event, @Timestamp Instant at, @MetaDataValue("user") String user,
            @MetaDataValue(HelpdeskJdbcEventStorageEngine.EVENT_POSITION) Object position, TrackingToken token,
            @MessageIdentifier String eventId) {
        String[] entry = describe(event);
        if (entry != null) {
            add(event.ticketId(), eventPosition(position, token), eventId, at, entry[0],
                entry[1] != null ? entry[1] : user, entry[2], attachments(event));
        }
        moved(event, at);
        String delivery = delivery(event);
        if (delivery != null) {
            String replyId = event instanceof ReplyDispatched e ? e.replyId()
                    : event instanceof ReplyDelivered e ? e.replyId() : ((ReplyDeliveryFailed) event).replyId();
            // The reply's own line shows how far it got.
            jdbc.updateRow(new Row("ticket_timeline", event.ticketId()),
                           "UPDATE readmodel.ticket_timeline SET delivery = ? WHERE ticket_id = ? AND event_id = ?",
                           delivery, event.ticketId(), replyId);
        }
    }

    @EventHandler
    void on(HandoffEvent event, @Timestamp Instant at, @MetaDataValue("user") String user,
            @MetaDataValue(HelpdeskJdbcEventStorageEngine.EVENT_POSITION) Object position, TrackingToken token,
            @MessageIdentifier String eventId) {
        String[] entry = describe(event);
        add(event.ticketId(), eventPosition(position, token), eventId, at, entry[0],
            entry[1] != null ? entry[1] : user, entry[2], null);
    }

    /**
     * Messages merged or split in show at their own events' positions, marked with the ticket they came from;
     * undoing a merge takes them away again, and messages split off leave the ticket they came from. Only the
     * ticket's own lines are written: each line's data is in this ticket's event.
     */
    private void moved(TicketEvent event, Instant at) {
        if (event instanceof MessagesMoved e) {
            for (MovedMessage message : e.messages()) {
                jdbc.updateRow(new Row("ticket_timeline", e.ticketId()), """
                                       INSERT INTO readmodel.ticket_timeline (ticket_id, event_position, event_id, at,
                                           kind, actor, detail, attachments, from_ticket)
                                       VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                               e.ticketId(), message.position(), message.eventId(), InboxProjection.utc(message.at()),
                               message.kind(), message.actor(), message.body(), json(message.attachments()),
                               e.from());
            }
        } else if (event instanceof MergedMessagesRemoved e) {
            jdbc.updateRow(new Row("ticket_timeline", e.ticketId()),
                           "DELETE FROM readmodel.ticket_timeline WHERE ticket_id = ? AND from_ticket = ?",
                           e.ticketId(), e.from());
        } else if (event instanceof io.helpdesk.domain.ticket.MovedMessagesErased e) {
            jdbc.updateRow(new Row("ticket_timeline", e.ticketId()),
                           "DELETE FROM readmodel.ticket_timeline WHERE ticket_id = ? AND from_ticket = ?",
                           e.ticketId(), e.from());
        } else if (event instanceof io.helpdesk.domain.ticket.TicketErased e) {
            // What the customer and the staff wrote on the ticket itself (not what was merged in from others).
            jdbc.updateRow(new Row("ticket_timeline", e.ticketId()), """
                                   UPDATE readmodel.ticket_timeline
                                   SET detail = CASE WHEN detail IS NULL THEN NULL ELSE ? END, attachments = NULL,
                                       actor = CASE WHEN kind = 'OPENED' THEN ? ELSE actor END
                                   WHERE ticket_id = ? AND from_ticket IS NULL AND kind = ANY(?)""",
                           ERASED, ERASED, e.ticketId(), PERSONAL_LINES);
        } else if (event instanceof MessagesSplitOff e) {
            jdbc.updateRow(new Row("ticket_timeline", e.ticketId()), """
                                   DELETE FROM readmodel.ticket_timeline
                                   WHERE ticket_id = ? AND event_id = ANY(?) AND from_ticket IS NULL""",
                           e.ticketId(), e.eventIds().toArray(String[]::new));
        }
    }

    /** What a delivery event says of its reply: SENT, DELIVERED, READ or FAILED; null for other events. */
    private static String delivery(TicketEvent event) {
        if (event instanceof ReplyDispatched) {
            return "SENT";
        } else if (event instanceof ReplyDelivered e) {
            return e.read() ? "READ" : "DELIVERED";
        } else if (event instanceof ReplyDeliveryFailed) {
            return "FAILED";
        }
        return null;
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.ticket_timeline");
    }

    private void add(String ticketId, long position, String eventId, Instant at, String kind, String actor,
                     String detail, String attachments) {
        // Keyed by ticket; each event adds at most one line, which its global position names and orders.
        jdbc.updateRow(new Row("ticket_timeline", ticketId), """
                               INSERT INTO readmodel.ticket_timeline (ticket_id, event_position, event_id, at, kind,
                                   actor, detail, attachments)
                               VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                       ticketId, position, eventId, InboxProjection.utc(at), kind, actor, detail, attachments);
        changes.ticket(ticketId);
    }

    /** The files a message or note carries, as a JSON array; null when it carries none. */
    private static String attachments(TicketEvent event) {
        List<Attachment> files = event instanceof TicketOpened e ? e.attachments()
                : event instanceof CustomerMessageReceived e ? e.attachments()
                : event instanceof AgentReplied e ? e.attachments()
                : event instanceof InternalNoteAdded e ? e.attachments() : List.of();
        return json(files);
    }

    private static String json(List<Attachment> files) {
        if (files.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attachment references are plain records", e);
        }
    }

    /** kind, actor (null: the event's user), detail; null for events the timeline does not show. */
    private static String[] describe(TicketEvent event) {
        if (event instanceof TicketOpened e) {
            return new String[]{"OPENED", e.customerEmail(), e.subject() + "\n" + e.body()};
        } else if (event instanceof CustomerMessageReceived e) {
            return new String[]{"CUSTOMER_MESSAGE", "customer", e.body()};
        } else if (event instanceof AgentReplied e) {
            return new String[]{"AGENT_REPLY", e.agentId(), e.body()};
        } else if (event instanceof InternalNoteAdded e) {
            return new String[]{"NOTE", e.author(), e.body()};
        } else if (event instanceof TicketAssigned e) {
            return new String[]{"ASSIGNED", null, e.assignee() + (e.team() == null ? "" : " (" + e.team() + ")")};
        } else if (event instanceof TicketUnassigned e) {
            return new String[]{"UNASSIGNED", e.actor(), e.previousAssignee()};
        } else if (event instanceof TicketPriorityChanged e) {
            return new String[]{"PRIORITY", e.actor(), e.from() + " -> " + e.to() + ": " + e.reason()};
        } else if (event instanceof TicketEscalated e) {
            return new String[]{"ESCALATED", e.actor(), "level " + e.level() + " to " + e.targetTeam() + ": " + e.reason()};
        } else if (event instanceof TicketMarkedPending e) {
            return new String[]{"PENDING", e.actor(), e.reason()};
        } else if (event instanceof TicketPutOnHold e) {
            return new String[]{"ON_HOLD", e.actor(), e.reason()};
        } else if (event instanceof TicketReturnedToOpen e) {
            return new String[]{"OPEN", e.actor(), e.reason()};
        } else if (event instanceof TicketResolved e) {
            return new String[]{"RESOLVED", e.actor(), e.resolution()};
        } else if (event instanceof TicketReopened e) {
            return new String[]{"REOPENED", e.actor(), e.reason()};
        } else if (event instanceof TicketClosed e) {
            return new String[]{"CLOSED", e.closedBy(), null};
        } else if (event instanceof SatisfactionRated e) {
            return new String[]{"CSAT", "customer", e.score() + (e.comment() == null ? "" : ": " + e.comment())};
        } else if (event instanceof DraftProposed e) {
            return new String[]{"DRAFT_PROPOSED", e.author(), e.body()};
        } else if (event instanceof DraftEdited e) {
            return new String[]{"DRAFT_EDITED", e.editor(), e.body()};
        } else if (event instanceof DraftDiscarded e) {
            return new String[]{"DRAFT_DISCARDED", e.actor(), null};
        } else if (event instanceof SlaBreached e) {
            return new String[]{"SLA_BREACHED", "sla", e.target() + " due " + e.dueAt()};
        } else if (event instanceof ReplyDispatched e) {
            return new String[]{"REPLY_SENT", e.provider(), e.channel() + " " + e.messageId()};
        } else if (event instanceof ReplyDelivered e) {
            return new String[]{e.read() ? "REPLY_READ" : "REPLY_DELIVERED", "customer", e.messageId()};
        } else if (event instanceof ReplyDeliveryFailed e) {
            return new String[]{"REPLY_FAILED", "delivery", e.reason()};
        } else if (event instanceof RuleFired e) {
            return new String[]{"RULE_FIRED", "rule:" + e.ruleName(), e.ruleName() + " v" + e.ruleVersion()};
        } else if (event instanceof AutomationTimerElapsed e) {
            return new String[]{"TIMER_ELAPSED", "rules", e.state() + " since " + e.since()};
        } else if (event instanceof TicketAlertRaised e) {
            return new String[]{"ALERT", e.actor(), e.text()};
        } else if (event instanceof TicketLinked e) {
            return new String[]{"LINKED", e.actor(), e.kind() + " " + e.otherTicketId()};
        } else if (event instanceof TicketUnlinked e) {
            return new String[]{"UNLINKED", e.actor(), e.otherTicketId()};
        } else if (event instanceof TicketMarkedSpam e) {
            return new String[]{"SPAM", e.actor(), e.sender()};
        } else if (event instanceof TicketSnoozed e) {
            return new String[]{"SNOOZED", e.actor(),
                                e.until() == null ? "until the customer writes" : "until " + e.until()};
        } else if (event instanceof TicketUnsnoozed e) {
            return new String[]{"UNSNOOZED", e.actor(), e.reason().name()};
        } else if (event instanceof ReplyScheduled e) {
            return new String[]{"REPLY_SCHEDULED", e.agentId(), "for " + e.at() + " (" + e.scheduleId() + "):\n"
                    + e.body()};
        } else if (event instanceof TicketMerged e) {
            return new String[]{"MERGED_INTO", e.by(), e.into()};
        } else if (event instanceof MessagesMoved e) {
            // Not how many: the messages may read as erased later, the line must say the same on a rebuild.
            return new String[]{MessagesMoved.MERGE.equals(e.reason()) ? "MERGED_FROM" : "SPLIT_FROM", e.by(),
                                e.from()};
        } else if (event instanceof TicketUnmerged e) {
            return new String[]{"UNMERGED", e.by(), e.from()};
        } else if (event instanceof MergedMessagesRemoved e) {
            return new String[]{"MERGE_UNDONE", e.by(), e.from()};
        } else if (event instanceof MessagesSplitOff e) {
            return new String[]{"SPLIT_TO", e.by(), e.to() + " (" + e.eventIds().size() + " messages)"};
        } else if (event instanceof io.helpdesk.domain.ticket.TicketErased e) {
            return new String[]{"ERASED", e.by(), null};
        } else if (event instanceof io.helpdesk.domain.ticket.MovedMessagesErased e) {
            return new String[]{"MOVED_MESSAGES_ERASED", e.by(), e.from()};
        } else if (event instanceof ScheduledReplyCancelled e) {
            return new String[]{"SCHEDULED_REPLY_CANCELLED", e.actor(), e.scheduleId() + ": " + e.reason()};
        }
        return null;
    }

    private static String[] describe(HandoffEvent event) {
        if (event instanceof HandoffRequested e) {
            String to = e.toAgent() != null ? e.toAgent() : "team " + e.toTeam();
            return new String[]{"HANDOFF_REQUESTED", e.requestedBy(), "to " + to + ": " + e.reason()};
        } else if (event instanceof HandoffAccepted e) {
            return new String[]{"HANDOFF_ACCEPTED", e.acceptedBy(), null};
        } else if (event instanceof HandoffDeclined e) {
            return new String[]{"HANDOFF_DECLINED", e.declinedBy(), e.reason()};
        } else if (event instanceof HandoffCancelled e) {
            return new String[]{"HANDOFF_CANCELLED", e.cancelledBy(), e.reason()};
        } else if (event instanceof HandoffExpired e) {
            return new String[]{"HANDOFF_EXPIRED", "system", null};
        } else if (event instanceof HandoffCompleted e) {
            return new String[]{"HANDOFF_COMPLETED", e.completedBy(), null};
        }
        return new String[]{"HANDOFF", null, null};
    }
}
