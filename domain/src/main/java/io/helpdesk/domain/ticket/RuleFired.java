package io.helpdesk.domain.ticket;

/** A rule's conditions held for an event on this ticket, and its actions follow in the same step. */
public record RuleFired(String ticketId, String ruleId, int ruleVersion, String ruleName, String triggerEventId)
        implements TicketEvent {
}
