package io.helpdesk.domain.ticket;

import java.time.Instant;

/** Payload of the deadline at which a snooze ends. */
public record SnoozeEnds(String ticketId, Instant until) {
}
