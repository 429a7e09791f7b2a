package io.helpdesk.domain.ticket;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.rule.RuleCondition;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Runs one version of a rule on the ticket for one triggering event: at most once per rule and event, and only
 * if every condition holds on the ticket as it is now ({@code text} and {@code at} are the triggering event's).
 * The actions then apply like a macro's, in one step after {@link RuleFired}, or not at all.
 */
public record ApplyRule(@TargetAggregateIdentifier TicketId ticketId, String ruleId, int ruleVersion,
                        String ruleName, String triggerEventId, String text, Instant at,
                        List<RuleCondition> conditions, List<MacroAction> actions) {

    public ApplyRule {
        Require.present(ticketId, "ticketId");
        Require.text(ruleId, "ruleId", 64);
        if (ruleVersion < 1) {
            throw new InvalidInput("ruleVersion", "must be 1 or more");
        }
        Require.text(ruleName, "ruleName", 200);
        Require.text(triggerEventId, "triggerEventId", 200);
        Require.present(at, "at");
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (actions == null || actions.isEmpty()) {
            throw new InvalidInput("actions", "must hold at least one action");
        }
        actions = List.copyOf(actions);
    }
}
