package io.helpdesk.domain.handoff;

/** The command side's lookup of closed tickets: a closed ticket is final, so nobody hands it on. */
public interface ClosedTickets {

    boolean isClosed(String ticketId);
}
