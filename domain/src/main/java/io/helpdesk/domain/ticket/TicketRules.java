package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** The named rules a ticket command can break; each throws {@link RuleViolation} (HTTP 409). */
final class TicketRules {

    private TicketRules() {
    }

    /** A closed ticket is final: nothing changes it any more. */
    static void closedTicketIsFinal(String id, TicketStatus status) {
        if (status == TicketStatus.CLOSED) {
            throw new RuleViolation(Rule.ClosedTicketIsFinal, "ticket " + id + " is closed and cannot change");
        }
    }

    /** Status changes follow the ticket's life cycle. */
    static void statusMayChange(String id, TicketStatus from, TicketStatus to) {
        closedTicketIsFinal(id, from);
        Set<TicketStatus> allowedFrom = switch (to) {
            case PENDING -> EnumSet.of(TicketStatus.OPEN, TicketStatus.ON_HOLD);
            case ON_HOLD -> EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING);
            case OPEN -> EnumSet.of(TicketStatus.PENDING, TicketStatus.ON_HOLD);
            case RESOLVED -> EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);
            case CLOSED -> EnumSet.complementOf(EnumSet.of(TicketStatus.CLOSED));
        };
        if (!allowedFrom.contains(from)) {
            throw new RuleViolation(Rule.StatusLifeCycle, "ticket " + id + " cannot go from " + from + " to " + to);
        }
    }

    static void reopenOnlyResolved(String id, TicketStatus status) {
        closedTicketIsFinal(id, status);
        if (status != TicketStatus.RESOLVED) {
            throw new RuleViolation(Rule.ReopenOnlyResolved, "ticket " + id + " is " + status + ", not resolved");
        }
    }

    /** Satisfaction is asked once the work is done: the ticket must be resolved (or closed after that). */
    static void csatOnlyAfterResolution(String id, TicketStatus status, boolean resolvedOnce) {
        boolean done = status == TicketStatus.RESOLVED || (status == TicketStatus.CLOSED && resolvedOnce);
        if (!done) {
            throw new RuleViolation(Rule.CsatOnlyAfterResolution,
                                    "ticket " + id + " is " + status + "; satisfaction is rated after resolution");
        }
    }

    static void csatOnlyOnce(String id, boolean rated) {
        if (rated) {
            throw new RuleViolation(Rule.CsatOnlyOnce, "ticket " + id + " already has a satisfaction rating");
        }
    }

    static void escalationOnlyUpwards(String id, int current, int requested) {
        if (requested <= current) {
            throw new RuleViolation(Rule.EscalationOnlyUpwards,
                                    "ticket " + id + " is already at escalation level " + current);
        }
    }

    static void draftMustBeActive(String id, Draft draft) {
        if (draft == null) {
            throw new RuleViolation(Rule.NoActiveDraft, "ticket " + id + " has no active draft");
        }
    }

    static void oneActiveDraft(String id, Draft draft) {
        if (draft != null) {
            throw new RuleViolation(Rule.OneActiveDraft, "ticket " + id + " already has an active draft");
        }
    }

    /** A follow-up is only for a customer who has been silent at least the configured time. */
    static void followUpOnlyAfterWaiting(String id, TicketStatus status, Instant pendingSince, Duration minimumWait,
                                         Instant now) {
        if (status != TicketStatus.PENDING) {
            throw new RuleViolation(Rule.FollowUpOnlyWhenWaitingOnCustomer,
                                    "ticket " + id + " is " + status + ", not waiting on the customer");
        }
        if (pendingSince.plus(minimumWait).isAfter(now)) {
            throw new RuleViolation(Rule.FollowUpOnlyAfterWaiting,
                                    "ticket " + id + " has waited on the customer since " + pendingSince
                                            + ", less than " + minimumWait);
        }
    }

    /** A provider reports only on messages this ticket sent. */
    /** A time to wait for (a snooze's end, a scheduled reply) lies ahead, and at most {@code longest} ahead. */
    static void withinAYear(String field, Instant at, Instant now, Duration longest) {
        if (!at.isAfter(now)) {
            throw new InvalidInput(field, "must be in the future");
        }
        if (at.isAfter(now.plus(longest))) {
            throw new InvalidInput(field, "must be at most " + longest.toDays() + " days ahead");
        }
    }

    static void routedOnlyWhileUnassignedAndOpen(String id, TicketStatus status, String assignee) {
        if (assignee != null) {
            throw new RuleViolation(Rule.RoutedOnlyWhileUnassigned, "ticket " + id + " is assigned to " + assignee);
        }
        if (status != TicketStatus.OPEN) {
            throw new RuleViolation(Rule.RoutedOnlyWhileOpen, "ticket " + id + " is " + status);
        }
    }

    static void reportOnlyOnOwnReplies(String id, String messageId, boolean sent) {
        if (!sent) {
            throw new RuleViolation(Rule.UnknownReplyMessage, "ticket " + id + " sent no message " + messageId);
        }
    }
}
