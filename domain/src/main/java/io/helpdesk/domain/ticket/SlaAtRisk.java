package io.helpdesk.domain.ticket;

import io.helpdesk.domain.sla.SlaTarget;

import java.time.Instant;

/** A running SLA clock has used the at-risk share of its target (due at {@code dueAt}): {@code ruleId} runs. */
public record SlaAtRisk(String ticketId, String ruleId, SlaTarget target, Instant dueAt, Priority priority)
        implements TicketEvent {
}
