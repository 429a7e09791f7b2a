package io.helpdesk.domain.ticket;

import java.util.List;

/** These messages of this ticket (by their events' ids) were moved into the new ticket {@code to}. */
public record MessagesSplitOff(String ticketId, String to, List<String> eventIds, String by) implements TicketEvent {

    public MessagesSplitOff {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }
}
