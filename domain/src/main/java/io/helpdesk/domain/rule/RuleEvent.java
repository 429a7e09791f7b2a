package io.helpdesk.domain.rule;

/** Every event of a rule's life. */
public sealed interface RuleEvent permits RuleCreated, RuleChanged {
    String ruleId();

    RuleDefinition definition();

    int version();
}
