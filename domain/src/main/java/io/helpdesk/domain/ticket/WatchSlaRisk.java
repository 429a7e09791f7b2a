package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Watches the ticket's running SLA clocks for a rule that waits for SLA_AT_RISK: when a clock will have used the
 * at-risk share of its target ({@code helpdesk.sla.at-risk-share}) and still runs with the same due time, the
 * ticket records {@link SlaAtRisk} for that rule.
 */
public record WatchSlaRisk(@TargetAggregateIdentifier TicketId ticketId, String ruleId) {

    public WatchSlaRisk {
        Require.present(ticketId, "ticketId");
        Require.text(ruleId, "ruleId", 64);
    }
}
