package io.helpdesk.domain.ticket;

import io.helpdesk.domain.rule.RuleTimer;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a time-based rule's timer on the ticket, counted from when the ticket entered the timer's state; does
 * nothing when the ticket is no longer in it.
 */
public record ScheduleAutomation(@TargetAggregateIdentifier TicketId ticketId, String ruleId, RuleTimer timer) {

    public ScheduleAutomation {
        Require.present(ticketId, "ticketId");
        Require.text(ruleId, "ruleId", 64);
        Require.present(timer, "timer");
    }
}
