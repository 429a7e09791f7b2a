package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Blocks a sender (an identity, or {@code @domain}): their messages open no ticket from now on. */
public record BlockSender(@TargetAggregateIdentifier String pattern, String reason, String by) {

    public BlockSender {
        pattern = Senders.pattern(pattern, "sender");
        reason = Require.optionalText(reason, "reason", 1_000);
        Require.text(by, "by", 200);
    }
}
