package io.helpdesk.projections.shadow;

import io.helpdesk.domain.sla.SlaPolicy;
import org.springframework.stereotype.Component;

/**
 * The SLA policy the shadow SLA projection applies: the live one, unless a what-if rebuild set another, so a
 * changed policy can be tried on the whole history without touching the live SLA read model.
 */
@Component
public class WhatIfSlaPolicy {

    private final SlaPolicy live;
    private volatile SlaPolicy current;

    public WhatIfSlaPolicy(SlaPolicy live) {
        this.live = live;
        this.current = live;
    }

    public SlaPolicy current() {
        return current;
    }

    public void tryPolicy(SlaPolicy policy) {
        current = policy;
    }

    public void useLivePolicy() {
        current = live;
    }
}
