package io.helpdesk.domain.ticket;

/** The scheduled reply's time came: the {@link AgentReplied} that follows is the reply. */
public record ScheduledReplySent(String ticketId, String scheduleId) implements TicketEvent {
}
