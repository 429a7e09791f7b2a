package io.helpdesk.domain.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * When the SLA clock runs: working hours per weekday in a time zone, minus holidays. A pure function of its
 * inputs, shared by the Ticket aggregate (deadlines) and the SLA read model (due times, compliance).
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, WorkingHours> week, Set<LocalDate> holidays,
                               boolean alwaysOpen) {

    private static final int MAX_DAYS = 3_660;

    public BusinessCalendar {
        week = week == null ? Map.of() : Map.copyOf(week);
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        if (!alwaysOpen && week.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs working hours on at least one day");
        }
    }

    public static BusinessCalendar twentyFourSeven() {
        return new BusinessCalendar(ZoneId.of("UTC"), Map.of(), Set.of(), true);
    }

    public static BusinessCalendar weekdays(ZoneId zone, WorkingHours hours, Set<LocalDate> holidays) {
        Map<DayOfWeek, WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, hours);
            }
        }
        return new BusinessCalendar(zone, week, holidays, false);
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            Instant[] window = window(day);
            if (window == null) {
                continue;
            }
            Instant start = max(window[0], from);
            Instant end = min(window[1], to);
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** Whether {@code at} falls within working hours. */
    public boolean isBusinessTime(Instant at) {
        if (alwaysOpen) {
            return true;
        }
        Instant[] window = window(at.atZone(zone).toLocalDate());
        return window != null && !at.isBefore(window[0]) && at.isBefore(window[1]);
    }

    /** The instant at which {@code amount} of working time has passed, counting from {@code start}. */
    public Instant addBusinessTime(Instant start, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return start;
        }
        if (alwaysOpen) {
            return start.plus(amount);
        }
        Duration left = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            Instant[] window = window(day);
            if (window == null || !window[1].isAfter(start)) {
                continue;
            }
            Instant from = max(window[0], start);
            Duration available = Duration.between(from, window[1]);
            if (available.compareTo(left) >= 0) {
                return from.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days");
    }

    private Instant[] window(LocalDate day) {
        WorkingHours hours = week.get(day.getDayOfWeek());
        if (hours == null || holidays.contains(day)) {
            return null;
        }
        ZonedDateTime start = day.atTime(hours.start()).atZone(zone);
        ZonedDateTime end = day.atTime(hours.end()).atZone(zone);
        return new Instant[]{start.toInstant(), end.toInstant()};
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
