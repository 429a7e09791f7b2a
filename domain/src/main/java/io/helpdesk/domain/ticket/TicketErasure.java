package io.helpdesk.domain.ticket;

import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.deadline.DeadlineManager;

/** A ticket's part in a contact's erasure (see {@code ContactErasure}). */
public final class TicketErasure {

    private TicketErasure() {
    }

    public static void erase(Ticket ticket, String by, SlaPolicy policy, DeadlineManager deadlines) {
        ticket.erase(by, policy, deadlines);
    }

    public static void movedErased(Ticket ticket, String from, String by) {
        ticket.movedErased(from, by);
    }
}
