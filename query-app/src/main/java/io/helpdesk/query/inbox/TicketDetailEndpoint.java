package io.helpdesk.query.inbox;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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

    public TicketDetailEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record TimelineEntry(Instant at, String kind, String actor, String detail) {
    }

    public record SlaClock(String target, int cycle, Instant startedAt, Instant dueAt, Instant atRiskAt,
                           boolean paused, Instant breachedAt, Instant stoppedAt, String outcome) {
    }

    public record TicketDetail(@JsonUnwrapped InboxRow ticket, List<TimelineEntry> timeline, List<SlaClock> sla) {
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
                        WHERE ticket_id = :id ORDER BY position""")
                .bind("id", ticketId)
                .map(r -> new TimelineEntry(InboxRow.instant(r.get("at", OffsetDateTime.class)), r.get("kind", String.class),
                                            r.get("actor", String.class), r.get("detail", String.class)))
                .all().collectList();
        Mono<List<SlaClock>> sla = db.sql("""
                        SELECT target, cycle, started_at, due_at, at_risk_at, paused, breached_at, stopped_at, outcome
                        FROM readmodel.sla_clock WHERE ticket_id = :id ORDER BY started_at, target""")
                .bind("id", ticketId)
                .map(r -> new SlaClock(r.get("target", String.class), r.get("cycle", Integer.class),
                                       InboxRow.instant(r.get("started_at", OffsetDateTime.class)),
                                       InboxRow.instant(r.get("due_at", OffsetDateTime.class)),
                                       InboxRow.instant(r.get("at_risk_at", OffsetDateTime.class)),
                                       Boolean.TRUE.equals(r.get("paused", Boolean.class)),
                                       InboxRow.instant(r.get("breached_at", OffsetDateTime.class)),
                                       InboxRow.instant(r.get("stopped_at", OffsetDateTime.class)),
                                       r.get("outcome", String.class)))
                .all().collectList();
        return Mono.zip(row, timeline, sla).map(t -> new TicketDetail(t.getT1(), t.getT2(), t.getT3()));
    }
}
