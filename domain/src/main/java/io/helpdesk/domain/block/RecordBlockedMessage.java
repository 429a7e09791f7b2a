package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A message from a blocked sender arrived: it is kept as an event of the block, and opens no ticket. */
public record RecordBlockedMessage(@TargetAggregateIdentifier String pattern, String messageId, String sender,
                                   String channel, String subject, String excerpt) {

    public RecordBlockedMessage {
        pattern = Senders.pattern(pattern, "sender");
        Require.text(messageId, "messageId", 600);
        Require.text(sender, "sender", 320);
        Require.text(channel, "channel", 16);
        subject = Require.optionalText(subject, "subject", 1_000);
        excerpt = excerpt == null ? null : excerpt.length() > 500 ? excerpt.substring(0, 500) : excerpt;
    }
}
