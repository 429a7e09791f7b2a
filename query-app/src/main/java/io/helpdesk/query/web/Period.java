package io.helpdesk.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open time range [from, to) from ISO-8601 instants; open ends when absent. */
public record Period(OffsetDateTime from, OffsetDateTime to) {

    public static Period of(String from, String to) {
        OffsetDateTime start = parse(from, "from", Instant.EPOCH);
        OffsetDateTime end = parse(to, "to", Instant.parse("9999-01-01T00:00:00Z"));
        if (!end.isAfter(start)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to must be after from");
        }
        return new Period(start, end);
    }

    private static OffsetDateTime parse(String value, String name, Instant fallback) {
        try {
            return (value == null || value.isBlank() ? fallback : Instant.parse(value)).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
        }
    }
}
