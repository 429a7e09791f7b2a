package io.helpdesk.domain.sla;

import java.time.LocalTime;

/** One working window in a day, start inclusive, end exclusive. */
public record WorkingHours(LocalTime start, LocalTime end) {

    public WorkingHours {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalArgumentException("working hours must start before they end");
        }
    }
}
