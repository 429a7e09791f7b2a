package io.helpdesk.domain.rule;

public record RuleCreated(String ruleId, RuleDefinition definition, int version, String author) implements RuleEvent {
}
