package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.InvalidInput;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A bot or an agent asks to pass a conversation on to an agent or a team. */
public record RequestHandoff(@TargetAggregateIdentifier HandoffId handoffId, String ticketId, String requestedBy, RequesterKind requesterKind, String toAgent, String toTeam, String reason, String contextSummary) {

    public RequestHandoff {
        Require.present(handoffId, "handoffId");
        Require.text(ticketId, "ticketId", 64);
        Require.text(requestedBy, "requestedBy", 200);
        Require.present(requesterKind, "requesterKind");
        toAgent = Require.optionalText(toAgent, "toAgent", 200);
        toTeam = Require.optionalText(toTeam, "toTeam", 200);
        if (toAgent == null && toTeam == null) {
            throw new InvalidInput("toAgent", "or toTeam is required: a handoff goes to an agent or a team");
        }
        Require.text(reason, "reason", 1000);
        contextSummary = Require.optionalText(contextSummary, "contextSummary", 20_000);
    }
}
