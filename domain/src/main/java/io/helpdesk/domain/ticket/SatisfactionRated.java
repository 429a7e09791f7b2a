package io.helpdesk.domain.ticket;

public record SatisfactionRated(String ticketId, int score, String comment) implements TicketEvent {
}
