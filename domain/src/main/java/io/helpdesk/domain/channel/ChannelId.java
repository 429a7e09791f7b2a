package io.helpdesk.domain.channel;

import java.util.UUID;

public record ChannelId(String value) {

    public ChannelId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("channel id must not be blank");
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
