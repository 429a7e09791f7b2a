package io.helpdesk.domain.ticket;

public record TicketMarkedPending(String ticketId, String reason, String actor) implements TicketEvent {
}
