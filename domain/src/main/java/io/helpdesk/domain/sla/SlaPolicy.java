package io.helpdesk.domain.sla;

import io.helpdesk.domain.ticket.Priority;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Targets and calendar per priority. */
public record SlaPolicy(Map<Priority, SlaTargets> targets, Map<Priority, BusinessCalendar> calendars) {

    public SlaPolicy {
        for (Priority priority : Priority.values()) {
            if (!targets.containsKey(priority) || !calendars.containsKey(priority)) {
                throw new IllegalArgumentException("SLA policy lacks targets or calendar for " + priority);
            }
        }
        targets = Map.copyOf(targets);
        calendars = Map.copyOf(calendars);
    }

    public SlaTargets targetsFor(Priority priority) {
        return targets.get(priority);
    }

    public BusinessCalendar calendarFor(Priority priority) {
        return calendars.get(priority);
    }

    /** P0 around the clock; the rest Monday to Friday, 09:00-17:00 UTC. */
    public static SlaPolicy standard() {
        Map<Priority, SlaTargets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P0, new SlaTargets(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(4)));
        targets.put(Priority.P1, new SlaTargets(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(8)));
        targets.put(Priority.P2, new SlaTargets(Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)));
        targets.put(Priority.P3, new SlaTargets(Duration.ofHours(8), Duration.ofHours(24), Duration.ofHours(72)));
        BusinessCalendar office = BusinessCalendar.weekdays(ZoneOffset.UTC,
                new WorkingHours(LocalTime.of(9, 0), LocalTime.of(17, 0)), Set.of());
        Map<Priority, BusinessCalendar> calendars = new EnumMap<>(Priority.class);
        calendars.put(Priority.P0, BusinessCalendar.twentyFourSeven());
        calendars.put(Priority.P1, office);
        calendars.put(Priority.P2, office);
        calendars.put(Priority.P3, office);
        return new SlaPolicy(targets, calendars);
    }
}
