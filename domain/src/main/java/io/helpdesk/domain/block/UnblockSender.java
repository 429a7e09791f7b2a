package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnblockSender(@TargetAggregateIdentifier String pattern, String by) {

    public UnblockSender {
        pattern = Senders.pattern(pattern, "sender");
        Require.text(by, "by", 200);
    }
}
