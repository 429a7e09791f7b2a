package io.helpdesk.domain.ticket;

public record TicketLinked(String ticketId, String otherTicketId, LinkKind kind, String actor) implements TicketEvent {
}
