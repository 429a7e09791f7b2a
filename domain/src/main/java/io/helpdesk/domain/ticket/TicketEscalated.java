package io.helpdesk.domain.ticket;

public record TicketEscalated(String ticketId, int level, String reason, String targetTeam, String actor) implements TicketEvent {
}
