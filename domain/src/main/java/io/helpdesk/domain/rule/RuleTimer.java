package io.helpdesk.domain.rule;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.time.Duration;

/**
 * When a time-based rule fires: once a ticket has been in {@code state} for {@code after}, counted in working
 * hours of the ticket's SLA calendar when {@code businessHours} is set. Leaving the state before then cancels it.
 */
public record RuleTimer(TimedState state, Duration after, boolean businessHours) {

    static final Duration LONGEST = Duration.ofDays(366);

    public RuleTimer {
        Require.present(state, "timer.state");
        Require.present(after, "timer.after");
        if (after.isNegative() || after.isZero() || after.compareTo(LONGEST) > 0) {
            throw new InvalidInput("timer.after", "must be more than nothing and at most 366 days");
        }
    }
}
