package io.helpdesk.domain.ticket;

public record DraftEdited(String ticketId, String draftId, String editor, String body, String contentHash) implements TicketEvent {
}
