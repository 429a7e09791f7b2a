package io.helpdesk.domain.handoff;

import java.time.Duration;

/** How long a requested handoff waits for someone to take it before it expires. */
public record HandoffPolicy(Duration acceptTimeout) {

    public HandoffPolicy {
        if (acceptTimeout == null || acceptTimeout.isNegative() || acceptTimeout.isZero()) {
            throw new IllegalArgumentException("the accept timeout must be positive");
        }
    }
}
