package io.helpdesk.query.sla;

import io.helpdesk.query.web.Period;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** One ticket's SLA clocks: every run of each target, with its state at {@code at} (default: now). */
@RestController
public class TicketClocksEndpoint {

    private final DatabaseClient db;

    public TicketClocksEndpoint(DatabaseClient db) {
        this.db = db;
    }

    /**
     * {@code state} at {@code at}: OK, AT_RISK, BREACHED, PAUSED, or once stopped MET / MISSED.
     */
    public record SlaClock(String target, int cycle, String state, Instant startedAt, Instant dueAt, Instant atRiskAt,
                           boolean paused, Instant breachedAt, Instant stoppedAt, String outcome) {
    }

    @GetMapping("/api/sla/tickets/{ticketId}")
    public Mono<List<SlaClock>> clocks(@PathVariable String ticketId, @RequestParam(required = false) String at) {
        Instant now = Period.instant("at", at);
        // Every ticket the SLA model knows has clocks (opening starts two): none means no such ticket.
        return db.sql("""
                         SELECT target, cycle, started_at, due_at, at_risk_at, paused, breached_at, stopped_at, outcome
                         FROM readmodel.sla_clock WHERE ticket_id = :id ORDER BY started_at, target""")
                 .bind("id", ticketId)
                 .map(row -> {
                     Instant due = instant(row.get("due_at", OffsetDateTime.class));
                     Instant atRisk = instant(row.get("at_risk_at", OffsetDateTime.class));
                     boolean paused = Boolean.TRUE.equals(row.get("paused", Boolean.class));
                     Instant breached = instant(row.get("breached_at", OffsetDateTime.class));
                     String outcome = row.get("outcome", String.class);
                     return new SlaClock(row.get("target", String.class), row.get("cycle", Integer.class),
                                         state(outcome, paused, breached, due, atRisk, now),
                                         instant(row.get("started_at", OffsetDateTime.class)), due, atRisk, paused,
                                         breached, instant(row.get("stopped_at", OffsetDateTime.class)), outcome);
                 })
                 .all().collectList()
                 .filter(clocks -> !clocks.isEmpty())
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                                                                             "no ticket with id " + ticketId)));
    }

    static String state(String outcome, boolean paused, Instant breachedAt, Instant dueAt, Instant atRiskAt,
                        Instant now) {
        if (outcome != null) {
            return outcome;
        }
        if (breachedAt != null || (!paused && dueAt != null && !dueAt.isAfter(now))) {
            return "BREACHED";
        }
        if (paused) {
            return "PAUSED";
        }
        return atRiskAt != null && !atRiskAt.isAfter(now) ? "AT_RISK" : "OK";
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
