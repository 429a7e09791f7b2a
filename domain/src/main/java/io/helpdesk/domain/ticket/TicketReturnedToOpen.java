package io.helpdesk.domain.ticket;

public record TicketReturnedToOpen(String ticketId, String reason, String actor) implements TicketEvent {
}
