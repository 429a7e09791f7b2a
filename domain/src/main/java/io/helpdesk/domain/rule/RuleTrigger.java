package io.helpdesk.domain.rule;

/**
 * What a trigger rule waits for: one kind of change on a ticket. {@code STATUS_CHANGED} is any move between
 * OPEN, PENDING, ON_HOLD, RESOLVED and CLOSED; {@code FIELDS_CHANGED} is a change of the ticket's custom fields;
 * {@code SLA_AT_RISK} is when a running SLA clock has used the
 * at-risk share of its target ({@code helpdesk.sla.at-risk-share}); {@code AUTOMATION_TIMER} is only ever the
 * trigger of a time-based rule (see {@link RuleTimer}), never named by hand.
 */
public enum RuleTrigger {
    TICKET_OPENED, CUSTOMER_MESSAGE, AGENT_REPLY, NOTE_ADDED, PRIORITY_CHANGED, STATUS_CHANGED, ASSIGNMENT_CHANGED,
    TAGS_CHANGED, CATEGORY_CHANGED, FIELDS_CHANGED, SLA_AT_RISK, SLA_BREACHED, HANDOFF_DECLINED, AUTOMATION_TIMER
}
