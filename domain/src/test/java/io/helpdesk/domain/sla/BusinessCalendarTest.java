package io.helpdesk.domain.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked by hand on the Berlin office calendar: Monday to Friday 09:00-17:00, 2026-12-25 a holiday. */
class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final BusinessCalendar OFFICE = BusinessCalendar.weekdays(
            BERLIN, new WorkingHours(LocalTime.of(9, 0), LocalTime.of(17, 0)), Set.of(LocalDate.of(2026, 12, 25)));

    private static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void time_inside_one_working_day_counts_fully() {
        assertThat(OFFICE.businessTimeBetween(berlin("2026-11-23T10:00"), berlin("2026-11-23T12:30")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void nights_and_weekends_do_not_count() {
        // Friday 16:00 -> Monday 10:00: one hour on Friday, one on Monday.
        assertThat(OFFICE.businessTimeBetween(berlin("2026-11-27T16:00"), berlin("2026-11-30T10:00")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void adding_working_time_skips_the_weekend() {
        // Friday 15:00 + 4 h: two hours on Friday, two on Monday from 09:00.
        assertThat(OFFICE.addBusinessTime(berlin("2026-11-27T15:00"), Duration.ofHours(4)))
                .isEqualTo(berlin("2026-11-30T11:00"));
    }

    @Test
    void a_start_outside_working_hours_waits_for_the_next_opening() {
        assertThat(OFFICE.addBusinessTime(berlin("2026-11-23T20:00"), Duration.ofMinutes(30)))
                .isEqualTo(berlin("2026-11-24T09:30"));
    }

    @Test
    void holidays_are_skipped() {
        // Thursday 2026-12-24 16:00 + 2 h: one hour on Thursday, Friday is a holiday, one hour on Monday.
        assertThat(OFFICE.addBusinessTime(berlin("2026-12-24T16:00"), Duration.ofHours(2)))
                .isEqualTo(berlin("2026-12-28T10:00"));
    }

    @Test
    void working_hours_follow_the_local_clock_across_daylight_saving_change() {
        // 2026-03-27 is a Friday (UTC+1), 2026-03-30 a Monday (UTC+2): still 09:00 local time.
        assertThat(OFFICE.addBusinessTime(berlin("2026-03-27T16:00"), Duration.ofHours(2)))
                .isEqualTo(berlin("2026-03-30T10:00"));
    }

    @Test
    void twenty_four_seven_counts_wall_clock_time() {
        BusinessCalendar always = BusinessCalendar.twentyFourSeven();
        Instant start = Instant.parse("2026-11-28T23:00:00Z");
        assertThat(always.addBusinessTime(start, Duration.ofHours(3))).isEqualTo(Instant.parse("2026-11-29T02:00:00Z"));
        assertThat(always.businessTimeBetween(start, start.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void clocks_pause_and_resume_in_working_time() {
        SlaClocks clocks = new SlaClocks();
        clocks.start(SlaTarget.RESOLUTION, berlin("2026-11-23T09:00"));
        clocks.pause(berlin("2026-11-23T11:00"));
        clocks.resume(berlin("2026-11-24T16:00"));
        // 8 h target, 2 h used on Monday, resumed Tuesday 16:00: 1 h Tuesday, 5 h Wednesday -> 14:00.
        assertThat(clocks.dueAt(SlaTarget.RESOLUTION, Duration.ofHours(8), OFFICE))
                .contains(berlin("2026-11-25T14:00"));
        clocks.pause(berlin("2026-11-24T16:30"));
        assertThat(clocks.dueAt(SlaTarget.RESOLUTION, Duration.ofHours(8), OFFICE)).isEmpty();
    }

    @Test
    void configured_settings_give_each_weekday_its_own_hours() {
        SlaSettings settings = new SlaSettings(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                java.util.Map.of(java.time.DayOfWeek.FRIDAY, new SlaSettings.Hours(LocalTime.of(9, 0), LocalTime.of(13, 0))),
                Set.of(), Set.of(), java.util.Map.of(
                io.helpdesk.domain.ticket.Priority.P0, new SlaSettings.Targets(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)),
                io.helpdesk.domain.ticket.Priority.P1, new SlaSettings.Targets(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)),
                io.helpdesk.domain.ticket.Priority.P2, new SlaSettings.Targets(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)),
                io.helpdesk.domain.ticket.Priority.P3, new SlaSettings.Targets(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6))),
                null);
        BusinessCalendar calendar = settings.toPolicy().calendarFor(io.helpdesk.domain.ticket.Priority.P3);
        // Friday 12:00 + 6 h: one hour on the short Friday, five on Monday from 09:00.
        assertThat(calendar.addBusinessTime(berlin("2026-11-27T12:00"), Duration.ofHours(6)))
                .isEqualTo(berlin("2026-11-30T14:00"));
    }
}
