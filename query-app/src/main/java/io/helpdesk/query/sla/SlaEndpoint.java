package io.helpdesk.query.sla;

import io.helpdesk.query.sla.SlaProjection;
import io.helpdesk.query.web.FigureCache;
import io.helpdesk.query.web.GroupBy;
import io.helpdesk.query.web.Period;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SLA views. "Now" views take an optional {@code at} instant (default: the current time) so that a dashboard,
 * a report or a test can ask for a fixed moment; the stored clocks come from event timestamps only.
 */
@RestController
public class SlaEndpoint {

    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("all", "'all'");
        GROUPS.put("priority", "s.priority");
        GROUPS.put("team", "COALESCE(s.team, '(none)')");
        GROUPS.put("agent", "COALESCE(s.assignee, '(none)')");
        GROUPS.put("day", "to_char(date_trunc('day', c.started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')");
        GROUPS.put("week", "to_char(date_trunc('week', c.started_at AT TIME ZONE 'UTC'), 'IYYY-\"W\"IW')");
        GROUPS.put("month", "to_char(date_trunc('month', c.started_at AT TIME ZONE 'UTC'), 'YYYY-MM')");
    }

    private final DatabaseClient db;
    private final FigureCache figures;

    public SlaEndpoint(DatabaseClient db, FigureCache figures) {
        this.db = db;
        this.figures = figures;
    }

    public record ClockView(String ticketId, String target, String priority, String team, String assignee,
                            Instant startedAt, Instant dueAt, Instant atRiskAt, Instant breachedAt) {
    }

    public record Compliance(String group, String target, long met, long missed, Double percentMet) {
    }

    /** Running clocks whose deadline has passed (recorded breach, or due before {@code at}). */
    @GetMapping("/api/sla/breached")
    public Flux<ClockView> breached(@RequestParam(required = false) String at) {
        return clocks("c.breached_at IS NOT NULL OR (NOT c.paused AND c.due_at <= :at)", at);
    }

    /** Running clocks past their at-risk share but not yet due at {@code at}. */
    @GetMapping("/api/sla/at-risk")
    public Flux<ClockView> atRisk(@RequestParam(required = false) String at) {
        return clocks("c.breached_at IS NULL AND NOT c.paused AND c.at_risk_at <= :at AND c.due_at > :at", at);
    }

    /** Share of finished clock runs that met their target, per target and group, for runs started in the period. */
    @GetMapping("/api/sla/compliance")
    public Flux<Compliance> compliance(@RequestParam(required = false) String groupBy,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        String group = GroupBy.expression(groupBy, GROUPS);
        Period period = Period.of(from, to);
        return figures.rows(SlaProjection.GROUP, "compliance " + groupBy + " " + period, db.sql("""
                        SELECT %s AS grp, c.target,
                               count(*) FILTER (WHERE c.outcome = 'MET') AS met,
                               count(*) FILTER (WHERE c.outcome = 'MISSED') AS missed
                        FROM readmodel.sla_clock c JOIN readmodel.sla_ticket s ON s.ticket_id = c.ticket_id
                        WHERE c.outcome IS NOT NULL AND c.started_at >= :from AND c.started_at < :to
                        GROUP BY 1, 2 ORDER BY 1, 2""".formatted(group))
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> {
                     long met = r.get("met", Long.class);
                     long missed = r.get("missed", Long.class);
                     return new Compliance(r.get("grp", String.class), r.get("target", String.class), met, missed,
                                           met + missed == 0 ? null : Math.round(1000.0 * met / (met + missed)) / 10.0);
                 })
                 .all());
    }

    private Flux<ClockView> clocks(String condition, String at) {
        return db.sql("""
                        SELECT c.ticket_id, c.target, s.priority, s.team, s.assignee, c.started_at, c.due_at,
                               c.at_risk_at, c.breached_at
                        FROM readmodel.sla_clock c JOIN readmodel.sla_ticket s ON s.ticket_id = c.ticket_id
                        WHERE c.outcome IS NULL AND (%s)
                        ORDER BY c.due_at, c.ticket_id""".formatted(condition))
                 .bind("at", instant(at))
                 .map(SlaEndpoint::clock)
                 .all();
    }

    private static ClockView clock(Readable r) {
        return new ClockView(r.get("ticket_id", String.class), r.get("target", String.class),
                             r.get("priority", String.class), r.get("team", String.class),
                             r.get("assignee", String.class), time(r, "started_at"), time(r, "due_at"),
                             time(r, "at_risk_at"), time(r, "breached_at"));
    }

    private static Instant time(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime instant(String at) {
        return Period.instant("at", at).atOffset(ZoneOffset.UTC);
    }
}
