package io.helpdesk.domain.ticket;

public record TicketPutOnHold(String ticketId, String reason, String actor) implements TicketEvent {
}
