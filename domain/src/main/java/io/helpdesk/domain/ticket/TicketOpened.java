package io.helpdesk.domain.ticket;

public record TicketOpened(
        String ticketId,
        String customerEmail,
        String customerName,
        ContactChannel channel,
        String subject,
        String body,
        Integer importance,
        Priority priority) implements TicketEvent {
}
