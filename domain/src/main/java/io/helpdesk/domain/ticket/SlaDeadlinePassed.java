package io.helpdesk.domain.ticket;

import io.helpdesk.domain.sla.SlaTarget;

import java.time.Instant;

/** Payload of the deadline scheduled for the moment a running SLA clock would be missed. */
public record SlaDeadlinePassed(String ticketId, SlaTarget target, Instant dueAt) {
}
