package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Puts the ticket in a team's queue, to be given to the next available agent of the team with a free slot and
 * every one of {@code skills}.
 */
public record RouteTicket(@TargetAggregateIdentifier TicketId ticketId, String team, List<String> skills,
                          String actor) {

    public RouteTicket {
        Require.present(ticketId, "ticketId");
        Require.text(team, "team", 200);
        skills = skills == null ? List.of() : skills.stream().distinct().sorted().toList();
        if (skills.size() > 20) {
            throw new InvalidInput("skills", "must hold at most 20 skills");
        }
        for (int i = 0; i < skills.size(); i++) {
            Require.text(skills.get(i), "skills[" + i + "]", 100);
        }
        Require.text(actor, "actor", 200);
    }
}
