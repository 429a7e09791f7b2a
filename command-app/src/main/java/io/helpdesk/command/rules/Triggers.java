package io.helpdesk.command.rules;

import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.rule.RuleTrigger;
import io.helpdesk.domain.rule.TimedState;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.AutomationTimerElapsed;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.SlaAtRisk;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.TicketUntagged;

import java.util.List;
import java.util.Optional;

/** How events meet rules: which trigger an event is, the text conditions read, and the states it enters. */
final class Triggers {

    /** The ticket an event concerns and what it is to rules. */
    record Trigger(String ticketId, RuleTrigger kind, String text) {
    }

    private Triggers() {
    }

    static Optional<Trigger> of(Object event) {
        RuleTrigger kind = kind(event);
        if (kind == null) {
            return Optional.empty();
        }
        String ticket = event instanceof HandoffDeclined declined ? declined.ticketId()
                : ((io.helpdesk.domain.ticket.TicketEvent) event).ticketId();
        return Optional.of(new Trigger(ticket, kind, text(event)));
    }

    private static RuleTrigger kind(Object event) {
        if (event instanceof TicketOpened) {
            return RuleTrigger.TICKET_OPENED;
        } else if (event instanceof CustomerMessageReceived) {
            return RuleTrigger.CUSTOMER_MESSAGE;
        } else if (event instanceof AgentReplied) {
            return RuleTrigger.AGENT_REPLY;
        } else if (event instanceof InternalNoteAdded) {
            return RuleTrigger.NOTE_ADDED;
        } else if (event instanceof TicketPriorityChanged) {
            return RuleTrigger.PRIORITY_CHANGED;
        } else if (entered(event).stream().anyMatch(state -> state != TimedState.UNASSIGNED)
                || event instanceof TicketClosed) {
            return RuleTrigger.STATUS_CHANGED;
        } else if (event instanceof TicketAssigned || event instanceof TicketUnassigned) {
            return RuleTrigger.ASSIGNMENT_CHANGED;
        } else if (event instanceof TicketTagged || event instanceof TicketUntagged) {
            return RuleTrigger.TAGS_CHANGED;
        } else if (event instanceof TicketCategorized) {
            return RuleTrigger.CATEGORY_CHANGED;
        } else if (event instanceof io.helpdesk.domain.ticket.TicketFieldsSet) {
            return RuleTrigger.FIELDS_CHANGED;
        } else if (event instanceof SlaAtRisk) {
            return RuleTrigger.SLA_AT_RISK;
        } else if (event instanceof SlaBreached) {
            return RuleTrigger.SLA_BREACHED;
        } else if (event instanceof HandoffDeclined) {
            return RuleTrigger.HANDOFF_DECLINED;
        } else if (event instanceof AutomationTimerElapsed) {
            return RuleTrigger.AUTOMATION_TIMER;
        }
        return null;
    }

    private static String text(Object event) {
        if (event instanceof TicketOpened e) {
            return e.subject() + "\n" + e.body();
        } else if (event instanceof CustomerMessageReceived e) {
            return e.body();
        } else if (event instanceof AgentReplied e) {
            return e.body();
        } else if (event instanceof InternalNoteAdded e) {
            return e.body();
        } else if (event instanceof HandoffDeclined e) {
            return e.reason();
        }
        return null;
    }

    /** The rule an event is for alone (a time-based rule's timer, an SLA-at-risk watch); null: for every rule. */
    static String namedRule(Object event) {
        if (event instanceof AutomationTimerElapsed elapsed) {
            return elapsed.ruleId();
        }
        return event instanceof SlaAtRisk risk ? risk.ruleId() : null;
    }

    /** Whether the event may start, stop, pause or move an SLA clock: then at-risk watches are set again. */
    static boolean movesSla(Object event) {
        return event instanceof TicketOpened || event instanceof CustomerMessageReceived
                || event instanceof AgentReplied || event instanceof TicketPriorityChanged
                || !entered(event).isEmpty() && !(event instanceof TicketUnassigned || event instanceof TicketAssigned)
                || event instanceof TicketClosed;
    }

    /**
     * The states a ticket enters with this event, where time-based rules start counting. (A new ticket is OPEN
     * and UNASSIGNED; opening is not a status change for trigger rules.)
     */
    static List<TimedState> entered(Object event) {
        if (event instanceof TicketOpened) {
            return List.of(TimedState.OPEN, TimedState.UNASSIGNED);
        } else if (event instanceof TicketMarkedPending) {
            return List.of(TimedState.PENDING);
        } else if (event instanceof TicketPutOnHold) {
            return List.of(TimedState.ON_HOLD);
        } else if (event instanceof TicketReturnedToOpen || event instanceof TicketReopened) {
            return List.of(TimedState.OPEN);
        } else if (event instanceof TicketResolved) {
            return List.of(TimedState.RESOLVED);
        } else if (event instanceof TicketUnassigned
                || event instanceof TicketAssigned assigned && assigned.assignee() == null
                && assigned.previousAssignee() != null) {
            return List.of(TimedState.UNASSIGNED);
        }
        return List.of();
    }
}
