package io.helpdesk.domain.ticket;

/** The messages that came to this ticket from {@code from} were erased with that ticket's contact. */
public record MovedMessagesErased(String ticketId, String from, String by) implements TicketEvent {
}
