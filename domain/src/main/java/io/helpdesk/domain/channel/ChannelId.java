package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.UUID;

public record ChannelId(String value) {

    public ChannelId {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("channelId", "must not be blank");
        }
    }

    public static ChannelId newId() {
        return new ChannelId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
