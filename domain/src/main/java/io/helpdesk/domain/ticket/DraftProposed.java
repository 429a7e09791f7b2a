package io.helpdesk.domain.ticket;

public record DraftProposed(String ticketId, String draftId, String author, String body, String contentHash, DraftKind kind) implements TicketEvent {
}
