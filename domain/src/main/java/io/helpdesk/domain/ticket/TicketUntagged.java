package io.helpdesk.domain.ticket;

public record TicketUntagged(String ticketId, java.util.List<String> tags) implements TicketEvent {
}
