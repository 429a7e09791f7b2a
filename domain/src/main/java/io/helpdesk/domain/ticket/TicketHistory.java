package io.helpdesk.domain.ticket;

import java.util.List;

/** The messages a ticket's events recorded, oldest first (read from the event store by the app). */
public interface TicketHistory {

    List<MovedMessage> messages(String ticketId);
}
