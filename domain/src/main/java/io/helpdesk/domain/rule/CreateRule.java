package io.helpdesk.domain.rule;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateRule(@TargetAggregateIdentifier String ruleId, RuleDefinition definition, String author) {

    public CreateRule {
        Require.text(ruleId, "ruleId", 64);
        Require.present(definition, "definition");
        Require.text(author, "author", 200);
    }
}
