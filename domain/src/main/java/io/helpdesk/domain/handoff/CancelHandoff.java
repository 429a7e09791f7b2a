package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelHandoff(@TargetAggregateIdentifier HandoffId handoffId, String actor, String reason) {

    public CancelHandoff {
        Require.present(handoffId, "handoffId");
        Require.text(actor, "actor", 200);
        reason = Require.optionalText(reason, "reason", 1000);
    }
}
