package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;

/** Undoes the merge of {@code ticketId} into another ticket. */
public record UnmergeTicket(String ticketId, String by) {

    public UnmergeTicket {
        Require.text(ticketId, "ticketId", 64);
        Require.text(by, "by", 200);
    }
}
