package io.helpdesk.domain.ticket;

public record TicketUnlinked(String ticketId, String otherTicketId, String actor) implements TicketEvent {
}
