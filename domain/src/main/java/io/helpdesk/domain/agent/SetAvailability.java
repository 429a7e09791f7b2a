package io.helpdesk.domain.agent;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetAvailability(@TargetAggregateIdentifier String agentId, Availability availability, String by) {

    public SetAvailability {
        Require.text(agentId, "agentId", 200);
        Require.present(availability, "availability");
        Require.text(by, "by", 200);
    }
}
