package io.helpdesk.domain.ticket;

public record DraftDiscarded(String ticketId, String draftId, String actor) implements TicketEvent {
}
