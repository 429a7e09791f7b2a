package io.helpdesk.domain.ticket;

public record InternalNoteAdded(String ticketId, String noteId, String author, String body, java.util.List<String> mentions) implements TicketEvent {
}
