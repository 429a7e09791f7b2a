package io.helpdesk.domain.ticket;

/**
 * The personal data of this ticket was erased with its contact's (its key is gone: what its events held of the
 * customer reads as erased from now on, and the read models forget it). The ticket is closed with it.
 */
public record TicketErased(String ticketId, String by) implements TicketEvent {
}
