package io.helpdesk.domain.handoff;

import java.util.UUID;

public record HandoffId(String value) {

    public HandoffId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("handoff id must not be blank");
        }
    }

    public static HandoffId newId() {
        return new HandoffId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
