package io.helpdesk.domain.ticket;

public record TicketTagged(String ticketId, java.util.List<String> tags) implements TicketEvent {
}
