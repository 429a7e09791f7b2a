package io.helpdesk.domain.agent;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets (or first creates) an agent's routing profile. Teams and skills: at most 50 each, 100 characters each. */
public record SetAgentProfile(@TargetAggregateIdentifier String agentId, List<String> teams, List<String> skills,
                              int capacity, String by) {

    public SetAgentProfile {
        Require.text(agentId, "agentId", 200);
        teams = names(teams, "teams");
        skills = names(skills, "skills");
        if (capacity < 0 || capacity > 1000) {
            throw new InvalidInput("capacity", "must be between 0 and 1000");
        }
        Require.text(by, "by", 200);
    }

    static List<String> names(List<String> names, String field) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > 50) {
            throw new InvalidInput(field, "must hold at most 50 names");
        }
        for (int i = 0; i < names.size(); i++) {
            Require.text(names.get(i), field + "[" + i + "]", 100);
        }
        return names.stream().distinct().sorted().toList();
    }
}
