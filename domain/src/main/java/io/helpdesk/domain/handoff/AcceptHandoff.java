package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcceptHandoff(@TargetAggregateIdentifier HandoffId handoffId, String actor, java.util.List<String> actorTeams) {

    public AcceptHandoff {
        Require.present(handoffId, "handoffId");
        Require.text(actor, "actor", 200);
        actorTeams = actorTeams == null ? java.util.List.of() : java.util.List.copyOf(actorTeams);
    }
}
