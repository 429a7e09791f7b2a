package io.helpdesk.domain.contact;

import java.util.List;

/** What the app knows of contacts' tickets, for erasing them (read from its own lookups). */
public interface ContactTickets {

    /** The tickets opened for the contact. */
    List<String> ticketsOf(String contactId);

    /** The tickets that hold messages moved from this one (it was merged into them). */
    List<String> holdersOf(String ticketId);
}
