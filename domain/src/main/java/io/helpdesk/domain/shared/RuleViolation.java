package io.helpdesk.domain.shared;

/**
 * A command asked for something the aggregate's rules forbid in its current state.
 * The REST layer answers 409 with {@link #rule()} and the message as the reason.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String reason) {
        super(reason);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
