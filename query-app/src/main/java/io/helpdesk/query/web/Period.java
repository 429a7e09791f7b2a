package io.helpdesk.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open time range [from, to) from ISO-8601 instants between 1970 and the year 9999 (what the read
 * models' timestamps hold); open ends when absent.
 */
public record Period(OffsetDateTime from, OffsetDateTime to) {

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    public static Period of(String from, String to) {
        OffsetDateTime start = parse(from, "from", EARLIEST);
        OffsetDateTime end = parse(to, "to", LATEST);
        if (!end.isAfter(start)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to must be after from");
        }
        return new Period(start, end);
    }

    /** One instant parameter ({@code at}), between 1970 and the year 9999; now when absent. */
    public static Instant instant(String name, String value) {
        return value == null || value.isBlank() ? Instant.now() : parse(value, name, EARLIEST).toInstant();
    }

    /** For figures computed per day of the period: at most {@code maxDays} of them. */
    public Period atMostDays(long maxDays) {
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              "from and to may be at most " + maxDays + " days apart here");
        }
        return this;
    }

    private static OffsetDateTime parse(String value, String name, Instant fallback) {
        Instant instant;
        try {
            instant = value == null || value.isBlank() ? fallback : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              name + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant.atOffset(ZoneOffset.UTC);
    }
}
