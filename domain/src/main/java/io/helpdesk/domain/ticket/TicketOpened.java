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
        String externalMessageId) implements TicketEvent {

    public TicketOpened(String ticketId, String customerEmail, String customerName, ContactChannel channel,
                        String subject, String body, Integer importance, Priority priority) {
        this(ticketId, customerEmail, customerName, channel, subject, body, importance, priority, null);
    }
}
