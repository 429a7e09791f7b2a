package io.helpdesk.domain.shared;

/**
 * A command asked for something the aggregate's rules forbid in its current state.
 * The REST layer answers 409 with {@link #rule()} and the message as the reason.
 */
public class RuleViolation extends RuntimeException {

    private final Rule rule;

    public RuleViolation(Rule rule, String reason) {
        super(reason);
        this.rule = rule;
    }

    /** The rule's name, as the 409 answer gives it. */
    public String rule() {
        return rule.name();
    }

    public Rule broken() {
        return rule;
    }
}
