package io.helpdesk.query.inbox;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.helpdesk.query.customers.CustomerContextLookup;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** One ticket: its inbox row, its timeline and its SLA clocks. */
@RestController
public class TicketDetailEndpoint {

    private final DatabaseClient db;
    private final CustomerContextLookup customers;

    public TicketDetailEndpoint(DatabaseClient db, CustomerContextLookup customers) {
        this.db = db;
        this.customers = customers;
    }

    public record TimelineEntry(Instant at, String kind, String actor, String detail) {
    }

    /** {@code state} at the time of the request: OK, AT_RISK, BREACHED, PAUSED, or once stopped MET / MISSED. */
    public record SlaClock(String target, int cycle, String state, Instant startedAt, Instant dueAt, Instant atRiskAt,
                           boolean paused, Instant breachedAt, Instant stoppedAt, String outcome) {
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

    /** {@code customer}: what the commerce API knows of the customer, or why it could not say. */
    public record TicketDetail(@JsonUnwrapped InboxRow ticket, List<TimelineEntry> timeline, List<SlaClock> sla,
                               CustomerContextLookup.CustomerContext customer) {
    }

    @GetMapping("/api/tickets/{ticketId}")
    public Mono<TicketDetail> ticket(@PathVariable String ticketId) {
        Mono<InboxRow> row = db.sql(InboxRow.SELECT + " WHERE t.ticket_id = :id")
                               .bind("id", ticketId)
                               .map(InboxRow::read)
                               .one()
                               .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                                       HttpStatus.NOT_FOUND, "no ticket with id " + ticketId)));
        Mono<List<TimelineEntry>> timeline = db.sql("""
                        SELECT at, kind, actor, detail FROM readmodel.ticket_timeline
                        WHERE ticket_id = :id ORDER BY event_position, position""")
                .bind("id", ticketId)
                .map(r -> new TimelineEntry(InboxRow.instant(r.get("at", OffsetDateTime.class)), r.get("kind", String.class),
                                            r.get("actor", String.class), r.get("detail", String.class)))
                .all().collectList();
        Mono<List<SlaClock>> sla = db.sql("""
                        SELECT target, cycle, started_at, due_at, at_risk_at, paused, breached_at, stopped_at, outcome
                        FROM readmodel.sla_clock WHERE ticket_id = :id ORDER BY started_at, target""")
                .bind("id", ticketId)
                .map(r -> {
                    Instant due = InboxRow.instant(r.get("due_at", OffsetDateTime.class));
                    Instant atRisk = InboxRow.instant(r.get("at_risk_at", OffsetDateTime.class));
                    boolean paused = Boolean.TRUE.equals(r.get("paused", Boolean.class));
                    Instant breached = InboxRow.instant(r.get("breached_at", OffsetDateTime.class));
                    String outcome = r.get("outcome", String.class);
                    return new SlaClock(r.get("target", String.class), r.get("cycle", Integer.class),
                                        state(outcome, paused, breached, due, atRisk, Instant.now()),
                                        InboxRow.instant(r.get("started_at", OffsetDateTime.class)), due, atRisk, paused,
                                        breached, InboxRow.instant(r.get("stopped_at", OffsetDateTime.class)), outcome);
                })
                .all().collectList();
        return Mono.zip(row, timeline, sla).flatMap(t -> customers.context(t.getT1().customerEmail())
                .map(customer -> new TicketDetail(t.getT1(), t.getT2(), t.getT3(), customer)));
    }
}
