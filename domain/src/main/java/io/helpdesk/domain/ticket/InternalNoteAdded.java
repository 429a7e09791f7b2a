package io.helpdesk.domain.ticket;

public record InternalNoteAdded(String ticketId, String noteId, String author, String body,
                                java.util.List<String> mentions, java.util.List<Attachment> attachments)
        implements TicketEvent {

    public InternalNoteAdded {
        attachments = Attachment.of(attachments);
    }

    public InternalNoteAdded(String ticketId, String noteId, String author, String body,
                             java.util.List<String> mentions) {
        this(ticketId, noteId, author, body, mentions, null);
    }
}
