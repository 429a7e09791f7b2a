package io.helpdesk.domain.ticket;

import io.helpdesk.domain.rule.TimedState;

import java.time.Instant;

/** The ticket has been in {@code state} since {@code since} for as long as the rule's timer says: the rule runs. */
public record AutomationTimerElapsed(String ticketId, String ruleId, TimedState state, Instant since, Instant dueAt)
        implements TicketEvent {
}
