package io.helpdesk.domain.ticket;

public record TicketResolved(String ticketId, String resolution, String actor) implements TicketEvent {
}
