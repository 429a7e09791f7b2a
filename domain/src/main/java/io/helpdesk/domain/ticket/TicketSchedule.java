package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What waits on the ticket's clock: a snooze, and replies scheduled for later (part of the ticket,
 * {@code @AggregateMember}). The ticket starts both and sends a reply when its time comes; this part knows what
 * is pending and records what ends it.
 */
class TicketSchedule {

    private String ticketId;
    private boolean snoozed;
    private Instant snoozedUntil;
    private final Map<String, ReplyScheduled> pending = new LinkedHashMap<>();

    @CommandHandler
    void handle(UnsnoozeTicket command) {
        if (snoozed) {
            apply(new TicketUnsnoozed(ticketId, TicketUnsnoozed.Wake.BY_HAND, command.actor()));
        }
    }

    @CommandHandler
    void handle(CancelScheduledReply command) {
        ReplyScheduled reply = pending.get(command.scheduleId());
        if (reply == null) {
            throw new RuleViolation(Rule.ScheduledReplyMustBePending, "ticket " + ticketId + " has no pending scheduled reply "
                    + command.scheduleId() + " (sent or cancelled already, or never scheduled)");
        }
        apply(new ScheduledReplyCancelled(ticketId, reply.scheduleId(), reply.agentId(),
                                          "cancelled by " + command.actor(), command.actor()));
    }

    /** The customer wrote: a snooze ends, and every scheduled reply is cancelled (its agent is told). */
    void customerWrote() {
        if (snoozed) {
            apply(new TicketUnsnoozed(ticketId, TicketUnsnoozed.Wake.CUSTOMER_MESSAGE, "customer"));
        }
        for (ReplyScheduled reply : List.copyOf(pending.values())) {
            apply(new ScheduledReplyCancelled(ticketId, reply.scheduleId(), reply.agentId(),
                                              "the customer wrote first", "customer"));
        }
    }

    /** The ticket is closing: nothing waits on it any more. */
    void closing(String actor) {
        if (snoozed) {
            apply(new TicketUnsnoozed(ticketId, TicketUnsnoozed.Wake.CLOSED, actor));
        }
        for (ReplyScheduled reply : List.copyOf(pending.values())) {
            apply(new ScheduledReplyCancelled(ticketId, reply.scheduleId(), reply.agentId(), "the ticket was closed",
                                              actor));
        }
    }

    /** The snooze's deadline: it ends the snooze only if it is still the snooze it was set for. */
    void snoozeEnds(Instant until) {
        if (snoozed && until.equals(snoozedUntil)) {
            apply(new TicketUnsnoozed(ticketId, TicketUnsnoozed.Wake.TIME, "snooze"));
        }
    }

    ReplyScheduled pending(String scheduleId) {
        return pending.get(scheduleId);
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        ticketId = event.ticketId();
    }

    @EventSourcingHandler
    void on(TicketSnoozed event) {
        snoozed = true;
        snoozedUntil = event.until();
    }

    @EventSourcingHandler
    void on(TicketUnsnoozed event) {
        snoozed = false;
        snoozedUntil = null;
    }

    @EventSourcingHandler
    void on(ReplyScheduled event) {
        pending.put(event.scheduleId(), event);
    }

    @EventSourcingHandler
    void on(ScheduledReplySent event) {
        pending.remove(event.scheduleId());
    }

    @EventSourcingHandler
    void on(ScheduledReplyCancelled event) {
        pending.remove(event.scheduleId());
    }
}
