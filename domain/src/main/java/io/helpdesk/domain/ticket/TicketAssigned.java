package io.helpdesk.domain.ticket;

public record TicketAssigned(String ticketId, String assignee, String team, String previousAssignee)
        implements TicketEvent {
}
