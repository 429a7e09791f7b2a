package io.helpdesk.domain.ticket;

import java.time.Instant;

/** The ticket leaves the inbox views until {@code until} (null: until the customer writes) or the customer writes. */
public record TicketSnoozed(String ticketId, Instant until, String actor) implements TicketEvent {
}
