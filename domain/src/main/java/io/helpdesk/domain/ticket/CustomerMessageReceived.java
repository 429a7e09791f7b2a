package io.helpdesk.domain.ticket;

public record CustomerMessageReceived(String ticketId, String externalMessageId, String body) implements TicketEvent {
}
