package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.util.List;

/**
 * Moves chosen messages of {@code ticketId} (named by their events' ids) into a new ticket {@code newTicketId}
 * of the same customer, with {@code subject} (by default the old one's).
 */
public record SplitTicket(String ticketId, String newTicketId, List<String> eventIds, String subject, String by) {

    public SplitTicket {
        Require.text(ticketId, "ticketId", 64);
        Require.text(newTicketId, "newTicketId", 64);
        if (eventIds == null || eventIds.isEmpty()) {
            throw new InvalidInput("eventIds", "name at least one message to move");
        }
        if (eventIds.size() > 1000) {
            throw new InvalidInput("eventIds", "at most 1000 messages at once");
        }
        for (int i = 0; i < eventIds.size(); i++) {
            Require.text(eventIds.get(i), "eventIds[" + i + "]", 64);
        }
        eventIds = List.copyOf(new java.util.LinkedHashSet<>(eventIds));
        subject = Require.optionalText(subject, "subject", 500);
        Require.text(by, "by", 200);
    }
}
