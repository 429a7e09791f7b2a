package io.helpdesk.domain.ticket;

/**
 * This ticket was merged into {@code into} (and closed with it): its messages show there, and later messages of
 * its customer on its channel, or answering its mails, go there.
 */
public record TicketMerged(String ticketId, String into, String customer, ContactChannel channel, String by)
        implements TicketEvent {
}
