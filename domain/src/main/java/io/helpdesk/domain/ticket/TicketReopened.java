package io.helpdesk.domain.ticket;

public record TicketReopened(String ticketId, String reason, String actor) implements TicketEvent {
}
