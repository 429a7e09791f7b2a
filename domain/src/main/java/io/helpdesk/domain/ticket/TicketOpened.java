package io.helpdesk.domain.ticket;

public record TicketOpened(
        String ticketId,
        String customerEmail,
        String customerName,
        ContactChannel channel,
        String subject,
        String body,
        Integer importance,
        Priority priority,
        String externalMessageId,
        java.util.List<Attachment> attachments) implements TicketEvent {

    public TicketOpened {
        attachments = Attachment.of(attachments);
    }

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority, String externalMessageId) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, externalMessageId,
             null);
    }

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, null, null);
    }
}
