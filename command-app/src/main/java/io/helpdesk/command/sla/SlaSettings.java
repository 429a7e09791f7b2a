package io.helpdesk.command.sla;

import io.helpdesk.domain.sla.BusinessCalendar;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaTargets;
import io.helpdesk.domain.sla.WorkingHours;
import io.helpdesk.domain.ticket.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The SLA policy (helpdesk.sla.*): targets per priority and the business-hours calendar they count in.
 * Priorities listed in {@code around-the-clock} count every hour of every day.
 */
@ConfigurationProperties("helpdesk.sla")
public record SlaSettings(ZoneId timeZone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workingDays,
                          Set<LocalDate> holidays, Set<Priority> aroundTheClock, Map<Priority, Targets> targets) {

    public record Targets(Duration firstResponse, Duration nextResponse, Duration resolution) {
    }

    public SlaPolicy toPolicy() {
        Map<DayOfWeek, WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : workingDays) {
            week.put(day, new WorkingHours(workStart, workEnd));
        }
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
