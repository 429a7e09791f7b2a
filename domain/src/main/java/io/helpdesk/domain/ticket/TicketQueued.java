package io.helpdesk.domain.ticket;

import java.util.List;

/** The ticket waits in {@code team}'s queue for an agent with {@code skills} (routing gives it out). */
public record TicketQueued(String ticketId, String team, List<String> skills, String actor) implements TicketEvent {

    public TicketQueued {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
