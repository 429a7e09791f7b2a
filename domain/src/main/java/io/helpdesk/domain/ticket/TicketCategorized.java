package io.helpdesk.domain.ticket;

public record TicketCategorized(String ticketId, String category, String actor) implements TicketEvent {
}
