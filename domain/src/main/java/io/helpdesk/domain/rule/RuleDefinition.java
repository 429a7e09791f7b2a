package io.helpdesk.domain.rule;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.util.List;

/**
 * What a rule is: either a trigger (it runs when one of {@code triggers} happens on a ticket) or a time-based
 * automation (it runs when the ticket has stayed in a state for the {@code timer}'s time), and then, if every
 * condition holds, applies its actions (the macro actions, plus NOTIFY and ALERT) as one change. Rules run in
 * ascending {@code position}; a disabled rule runs never.
 */
public record RuleDefinition(String name, int position, boolean enabled, List<RuleTrigger> triggers,
                             RuleTimer timer, List<RuleCondition> conditions, List<MacroAction> actions) {

    public RuleDefinition {
        Require.text(name, "name", 200);
        if (position < 0 || position > 1_000_000) {
            throw new InvalidInput("position", "must be between 0 and 1000000");
        }
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        if (triggers.isEmpty() == (timer == null)) {
            throw new InvalidInput("triggers", "a rule has either triggers or a timer, not both and not neither");
        }
        for (int i = 0; i < triggers.size(); i++) {
            if (triggers.get(i) == null || triggers.get(i) == RuleTrigger.AUTOMATION_TIMER) {
                throw new InvalidInput("triggers[" + i + "]", "must be one of the ticket events (a timer is "
                        + "given as timer)");
            }
        }
        conditions = RuleCondition.list(conditions);
        actions = MacroAction.list(actions);
    }

    /** Whether the rule runs when {@code trigger} happens. */
    public boolean runsOn(RuleTrigger trigger) {
        return enabled && (trigger == RuleTrigger.AUTOMATION_TIMER ? timer != null : triggers.contains(trigger));
    }
}
