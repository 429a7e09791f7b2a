package io.helpdesk.domain.ticket;

public record TicketUnassigned(String ticketId, String previousAssignee, String previousTeam, String actor) implements TicketEvent {
}
