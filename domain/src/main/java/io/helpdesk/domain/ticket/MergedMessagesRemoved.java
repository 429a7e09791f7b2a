package io.helpdesk.domain.ticket;

/** The other side of {@link TicketUnmerged}: the messages of {@code from} no longer show on this ticket. */
public record MergedMessagesRemoved(String ticketId, String from, String by) implements TicketEvent {
}
