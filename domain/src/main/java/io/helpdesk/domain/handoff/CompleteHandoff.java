package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteHandoff(@TargetAggregateIdentifier HandoffId handoffId, String actor) {

    public CompleteHandoff {
        Require.present(handoffId, "handoffId");
        Require.text(actor, "actor", 200);
    }
}
