package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

/** Merges ticket {@code from} into {@code into}: both change in one transaction (see {@link TicketMerges}). */
public record MergeTicket(String into, String from, String by) {

    public MergeTicket {
        Require.text(into, "into", 64);
        Require.text(from, "ticketId", 64);
        if (into.equals(from)) {
            throw new InvalidInput("ticketId", "a ticket is not merged into itself");
        }
        Require.text(by, "by", 200);
    }
}
