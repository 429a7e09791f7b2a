package io.helpdesk.domain.ticket;

/** Every event of a ticket's life. Events carry plain values only, so they read the same forever. */
public sealed interface TicketEvent permits TicketOpened, TicketAssigned, AgentReplied, TicketClosed {

    String ticketId();
}
