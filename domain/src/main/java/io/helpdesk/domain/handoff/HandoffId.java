package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.UUID;

public record HandoffId(String value) {

    public HandoffId {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("handoffId", "must not be blank");
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
