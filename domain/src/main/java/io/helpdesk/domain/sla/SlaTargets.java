package io.helpdesk.domain.sla;

import java.time.Duration;

/** How much working time each promise allows. */
public record SlaTargets(Duration firstResponse, Duration nextResponse, Duration resolution) {

    public SlaTargets {
        for (Duration d : new Duration[]{firstResponse, nextResponse, resolution}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SLA targets must be positive durations");
            }
        }
    }

    public Duration of(SlaTarget target) {
        return switch (target) {
            case FIRST_RESPONSE -> firstResponse;
            case NEXT_RESPONSE -> nextResponse;
            case RESOLUTION -> resolution;
        };
    }
}
