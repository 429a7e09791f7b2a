package io.helpdesk.domain.rule;

/** A new version of the rule (also how it is disabled and enabled again). */
public record RuleChanged(String ruleId, RuleDefinition definition, int version, String author) implements RuleEvent {
}
