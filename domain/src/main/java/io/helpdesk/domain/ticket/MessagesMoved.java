package io.helpdesk.domain.ticket;

import java.util.List;

/**
 * Messages of ticket {@code from} show on this one from now on: {@code reason} MERGE (that ticket was merged into
 * this) or SPLIT (they were split off that ticket into this new one).
 */
public record MessagesMoved(String ticketId, String from, String reason, List<MovedMessage> messages, String by)
        implements TicketEvent {

    public static final String MERGE = "MERGE";
    public static final String SPLIT = "SPLIT";

    public MessagesMoved {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
