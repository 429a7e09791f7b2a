package io.helpdesk.domain.ticket;

public record DraftSent(String ticketId, String draftId, String agentId) implements TicketEvent {
}
