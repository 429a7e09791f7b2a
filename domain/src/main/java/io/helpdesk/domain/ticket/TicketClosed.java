package io.helpdesk.domain.ticket;

public record TicketClosed(String ticketId, String closedBy) implements TicketEvent {
}
