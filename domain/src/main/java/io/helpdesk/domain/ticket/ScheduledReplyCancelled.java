package io.helpdesk.domain.ticket;

/** A scheduled reply that will not be sent: the customer wrote first, the ticket was closed, or someone cancelled it. */
public record ScheduledReplyCancelled(String ticketId, String scheduleId, String agentId, String reason, String actor)
        implements TicketEvent {
}
