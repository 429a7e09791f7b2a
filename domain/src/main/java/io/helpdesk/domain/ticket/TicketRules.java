package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.RuleViolation;

/** The named rules a ticket command can break. */
final class TicketRules {

    private TicketRules() {
    }

    /** A closed ticket is final: nothing changes it any more. */
    static void closedTicketIsFinal(TicketId id, TicketStatus status) {
        if (status == TicketStatus.CLOSED) {
            throw new RuleViolation("ClosedTicketIsFinal", "ticket " + id + " is closed and cannot change");
        }
    }
}
