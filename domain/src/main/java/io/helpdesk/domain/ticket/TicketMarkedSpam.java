package io.helpdesk.domain.ticket;

/** The ticket was spam from {@code sender}; a {@link TicketClosed} follows in the same step. */
public record TicketMarkedSpam(String ticketId, String sender, String actor) implements TicketEvent {
}
