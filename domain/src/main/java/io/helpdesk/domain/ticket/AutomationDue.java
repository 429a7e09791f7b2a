package io.helpdesk.domain.ticket;

import io.helpdesk.domain.rule.TimedState;

import java.time.Instant;

/** Payload of a time-based rule's deadline: the ticket entered {@code state} at {@code since}. */
public record AutomationDue(String ticketId, String ruleId, TimedState state, Instant since, Instant dueAt) {
}
