package io.helpdesk.domain.ticket;

import io.helpdesk.domain.sla.SlaTarget;

import java.time.Instant;

/** Payload of the deadline at which a running clock becomes at risk, for one rule. */
public record SlaRiskDue(String ticketId, String ruleId, SlaTarget target, Instant dueAt) {
}
