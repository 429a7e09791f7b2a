package io.helpdesk.domain.ticket;

/** The merge of this ticket into {@code from} was undone: it stands alone again (and is reopened). */
public record TicketUnmerged(String ticketId, String from, String by) implements TicketEvent {
}
