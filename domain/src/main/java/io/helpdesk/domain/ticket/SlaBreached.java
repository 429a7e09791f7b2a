package io.helpdesk.domain.ticket;

public record SlaBreached(String ticketId, io.helpdesk.domain.sla.SlaTarget target, java.time.Instant dueAt, Priority priority) implements TicketEvent {
}
