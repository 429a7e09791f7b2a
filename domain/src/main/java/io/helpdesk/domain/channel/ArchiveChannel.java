package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freezes the channel: it stays readable, nothing more is posted. */
public record ArchiveChannel(@TargetAggregateIdentifier ChannelId channelId, String actor) {

    public ArchiveChannel {
        Require.present(channelId, "channelId");
        Require.text(actor, "actor", 200);
    }
}
