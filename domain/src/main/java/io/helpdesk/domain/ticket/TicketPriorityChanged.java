package io.helpdesk.domain.ticket;

public record TicketPriorityChanged(String ticketId, Priority from, Priority to, String reason, String actor) implements TicketEvent {
}
