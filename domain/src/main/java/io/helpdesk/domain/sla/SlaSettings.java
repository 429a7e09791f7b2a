package io.helpdesk.domain.sla;

import io.helpdesk.domain.ticket.Priority;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The SLA policy as configured (helpdesk.sla.*, bound by both apps): targets per priority and the
 * business-hours calendar they count in: {@code workStart}-{@code workEnd} on {@code workingDays}, other hours
 * (or extra days) in {@code hoursByDay}, no work on {@code holidays}. Priorities in {@code aroundTheClock} count every hour of every day.
 * {@code atRiskShare} is the share of a target used after which a running clock counts as at risk.
 */
public record SlaSettings(ZoneId timeZone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workingDays,
                          Map<DayOfWeek, Hours> hoursByDay, Set<LocalDate> holidays, Set<Priority> aroundTheClock,
                          Map<Priority, Targets> targets, Double atRiskShare) {

    /** Working hours of one weekday that differ from {@code workStart}-{@code workEnd} (a short Friday, a Saturday). */
    public record Hours(LocalTime start, LocalTime end) {
    }

    public SlaSettings {
        hoursByDay = hoursByDay == null ? Map.of() : hoursByDay;
        holidays = holidays == null ? Set.of() : holidays;
        aroundTheClock = aroundTheClock == null ? Set.of() : aroundTheClock;
        atRiskShare = atRiskShare == null ? 0.75 : atRiskShare;
        if (atRiskShare <= 0 || atRiskShare >= 1) {
            throw new IllegalArgumentException("the at-risk share must be between 0 and 1");
        }
    }

    public record Targets(Duration firstResponse, Duration nextResponse, Duration resolution) {
    }

    public SlaPolicy toPolicy() {
        Map<DayOfWeek, WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : workingDays) {
            week.put(day, new WorkingHours(workStart, workEnd));
        }
        hoursByDay.forEach((day, hours) -> week.put(day, new WorkingHours(hours.start(), hours.end())));
        BusinessCalendar office = new BusinessCalendar(timeZone, week, holidays, false);
        Map<Priority, SlaTargets> policyTargets = new EnumMap<>(Priority.class);
        Map<Priority, BusinessCalendar> calendars = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            Targets t = targets.get(priority);
            if (t == null) {
                throw new IllegalStateException("helpdesk.sla.targets." + priority + " is not configured");
            }
            policyTargets.put(priority, new SlaTargets(t.firstResponse(), t.nextResponse(), t.resolution()));
            calendars.put(priority, aroundTheClock.contains(priority) ? BusinessCalendar.twentyFourSeven() : office);
        }
        return new SlaPolicy(policyTargets, calendars);
    }
}
