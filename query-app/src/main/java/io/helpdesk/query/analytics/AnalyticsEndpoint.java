package io.helpdesk.query.analytics;

import io.helpdesk.query.analytics.AnalyticsProjection;
import io.helpdesk.query.web.Csv;
import io.helpdesk.query.web.CancelOnLeave;
import io.helpdesk.query.web.FigureCache;
import io.helpdesk.query.web.GroupBy;
import io.helpdesk.query.web.Period;
import io.helpdesk.query.web.Sql;
import io.r2dbc.spi.Readable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Analytics over the ticket and handoff facts. Every figure is computed from event timestamps (durations in
 * seconds of wall-clock time), for tickets created in [from, to). {@code /api/analytics/tickets} lists the
 * tickets behind any figure with the same filters.
 */
@RestController
public class AnalyticsEndpoint {

    private static final Map<String, String> VOLUME = new LinkedHashMap<>();
    private static final Map<String, String> SEGMENTS = new LinkedHashMap<>();
    private static final Map<String, String> PEOPLE = new LinkedHashMap<>();
    private static final Map<String, String> DELIVERY_SEGMENTS = new LinkedHashMap<>();
    private static final Map<String, String> METRICS = Map.of(
            "first-response", "EXTRACT(EPOCH FROM (first_response_at - created_at))",
            "resolution", "EXTRACT(EPOCH FROM (resolved_at - created_at))");
    private static final long[] HISTOGRAM_EDGES = {900, 3_600, 4 * 3_600, 8 * 3_600, 24 * 3_600, 72 * 3_600};

    /**
     * A ticket's organization by name: its contact's, or that of the contact its chain of merges ends at (the
     * analytics read model's own function, V25); {@code (none)} without one.
     */
    private static final String ORGANIZATION = "COALESCE((SELECT o.name FROM readmodel.analytics_organization o "
            + "WHERE o.organization_id = readmodel.analytics_organization_of(contact_id)), '(none)')";

    static {
        VOLUME.put("day", "to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')");
        VOLUME.put("week", "to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'IYYY-\"W\"IW')");
        VOLUME.put("channel", "channel");
        VOLUME.put("priority", "priority");
        VOLUME.put("category", "COALESCE(category, '(none)')");
        VOLUME.put("organization", ORGANIZATION);
        SEGMENTS.put("all", "'all'");
        SEGMENTS.put("channel", "channel");
        SEGMENTS.put("priority", "priority");
        SEGMENTS.put("team", "COALESCE(team, '(none)')");
        SEGMENTS.put("agent", "COALESCE(agent, '(none)')");
        SEGMENTS.put("organization", ORGANIZATION);
        PEOPLE.put("all", "'all'");
        PEOPLE.put("team", "COALESCE(team, '(none)')");
        PEOPLE.put("agent", "COALESCE(agent, '(none)')");
        PEOPLE.put("organization", ORGANIZATION);
        DELIVERY_SEGMENTS.put("all", "'all'");
        DELIVERY_SEGMENTS.put("channel", "t.channel");
        DELIVERY_SEGMENTS.put("team", "COALESCE(t.team, '(none)')");
        DELIVERY_SEGMENTS.put("agent", "r.agent");
    }

    private static final String MODEL = AnalyticsProjection.GROUP;

    private final DatabaseClient db;
    private final FigureCache figures;
    private final CancelOnLeave cancelOnLeave;

    public AnalyticsEndpoint(DatabaseClient db, FigureCache figures, CancelOnLeave cancelOnLeave) {
        this.db = db;
        this.figures = figures;
        this.cancelOnLeave = cancelOnLeave;
    }

    public record Count(String key, long tickets) {
    }

    public record Backlog(String day, long open) {
    }

    public record Durations(String key, long count, Double meanSeconds, Double p50Seconds, Double p90Seconds) {
    }

    public record Bucket(String upTo, long count) {
    }

    public record Csat(String key, long responses, Double average, Double percentSatisfied) {
    }

    public record Handoffs(long requested, long accepted, long declined, long expired, long cancelled, long open,
                           Double meanSecondsToAccept, long requestedByBots, long botRequestsAccepted,
                           Double botToHumanPercent) {
    }

    public record Drafts(long botDrafts, long editedByHumans, long sent) {
    }

    /** {@code fields}: custom fields' values, by key (option ids; the CSV shows their labels). */
    public record TicketFact(String ticketId, String customerEmail, String channel, String priority, String category,
                             String team, String agent, Instant createdAt, Instant firstResponseAt,
                             Instant resolvedAt, Long firstResponseSeconds, Long resolutionSeconds, Integer csat,
                             boolean slaMet, Map<String, Object> fields) {
    }

    @GetMapping("/api/analytics/volume")
    public Flux<Count> volume(@RequestParam(defaultValue = "day") String by, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        return figures.rows(MODEL, "volume " + by + " " + period, db.sql(
                        "SELECT " + CustomFieldColumns.groupBy(by).orElseGet(() -> GroupBy.expression(by, VOLUME))
                                + " AS k, count(*) AS n FROM readmodel.ticket_fact "
                                + "WHERE created_at >= :from AND created_at < :to GROUP BY 1 ORDER BY 1")
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Count(r.get("k", String.class), r.get("n", Long.class))).all());
    }

    /** Tickets open at the end of each day (created by then, not resolved or closed by then). */
    static final long BACKLOG_MAX_DAYS = 731;

    @GetMapping("/api/analytics/backlog")
    public Flux<Backlog> backlog(@RequestParam String from, @RequestParam String to) {
        // A figure per day, each counting the tickets open then: two years of days at most.
        Period period = Period.of(from, to).atMostDays(BACKLOG_MAX_DAYS);
        return figures.rows(MODEL, "backlog " + period, db.sql("""
                        SELECT to_char(d, 'YYYY-MM-DD') AS day,
                               (SELECT count(*) FROM readmodel.ticket_fact f
                                WHERE f.created_at < d + interval '1 day'
                                  AND COALESCE(f.resolved_at, f.closed_at, 'infinity') >= d + interval '1 day') AS open
                        FROM generate_series(date_trunc('day', :from AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                                             :to - interval '1 microsecond', interval '1 day') AS d
                        ORDER BY d""")
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Backlog(r.get("day", String.class), r.get("open", Long.class))).all());
    }

    @GetMapping("/api/analytics/response-times")
    public Flux<Durations> responseTimes(@RequestParam(defaultValue = "first-response") String metric,
                                         @RequestParam(defaultValue = "all") String by,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to) {
        String seconds = metric(metric);
        Period period = Period.of(from, to);
        return figures.rows(MODEL, "response-times " + metric + " " + by + " " + period, db.sql("""
                        SELECT %s AS k, count(*) AS n, avg(s) AS mean,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50,
                               percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
                        FROM (SELECT *, %s AS s FROM readmodel.ticket_fact
                              WHERE created_at >= :from AND created_at < :to) f
                        WHERE s IS NOT NULL GROUP BY 1 ORDER BY 1""".formatted(
                                CustomFieldColumns.groupBy(by).orElseGet(() -> GroupBy.expression(by, SEGMENTS)), seconds))
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Durations(r.get("k", String.class), r.get("n", Long.class), number(r, "mean"),
                                         number(r, "p50"), number(r, "p90")))
                 .all());
    }

    /** Counts per bucket: up to 15 min, 1 h, 4 h, 8 h, 24 h, 72 h, and longer. */
    @GetMapping("/api/analytics/response-times/histogram")
    public Flux<Bucket> histogram(@RequestParam(defaultValue = "first-response") String metric,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        String seconds = metric(metric);
        Period period = Period.of(from, to);
        StringBuilder buckets = new StringBuilder();
        for (int i = 0; i < HISTOGRAM_EDGES.length; i++) {
            buckets.append("count(*) FILTER (WHERE s <= ").append(HISTOGRAM_EDGES[i])
                   .append(i == 0 ? "" : " AND s > " + HISTOGRAM_EDGES[i - 1]).append(") AS b").append(i).append(", ");
        }
        buckets.append("count(*) FILTER (WHERE s > ").append(HISTOGRAM_EDGES[HISTOGRAM_EDGES.length - 1])
               .append(") AS b").append(HISTOGRAM_EDGES.length);
        return figures.rows(MODEL, "histogram " + metric + " " + period, db.sql(
                        "SELECT " + buckets + " FROM (SELECT " + seconds + " AS s FROM readmodel.ticket_fact "
                                + "WHERE created_at >= :from AND created_at < :to) f WHERE s IS NOT NULL")
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> {
                     List<Bucket> result = new java.util.ArrayList<>();
                     for (int i = 0; i <= HISTOGRAM_EDGES.length; i++) {
                         String label = i < HISTOGRAM_EDGES.length ? HISTOGRAM_EDGES[i] + "s" : "longer";
                         result.add(new Bucket(label, r.get("b" + i, Long.class)));
                     }
                     return result;
                 })
                 .one().flatMapMany(Flux::fromIterable));
    }

    @GetMapping("/api/analytics/csat")
    public Flux<Csat> csat(@RequestParam(defaultValue = "all") String by, @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        return figures.rows(MODEL, "csat " + by + " " + period, db.sql("""
                        SELECT %s AS k, count(*) AS n, avg(csat) AS average,
                               100.0 * count(*) FILTER (WHERE csat >= 4) / count(*) AS satisfied
                        FROM readmodel.ticket_fact
                        WHERE csat IS NOT NULL AND created_at >= :from AND created_at < :to
                        GROUP BY 1 ORDER BY 1""".formatted(GroupBy.expression(by, PEOPLE)))
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Csat(r.get("k", String.class), r.get("n", Long.class), number(r, "average"),
                                    number(r, "satisfied")))
                 .all());
    }

    @GetMapping("/api/analytics/handoffs")
    public Mono<Handoffs> handoffs(@RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        return figures.row(MODEL, "handoffs " + period, db.sql("""
                        SELECT count(*) AS requested,
                               count(*) FILTER (WHERE outcome = 'ACCEPTED') AS accepted,
                               count(*) FILTER (WHERE outcome = 'DECLINED') AS declined,
                               count(*) FILTER (WHERE outcome = 'EXPIRED') AS expired,
                               count(*) FILTER (WHERE outcome = 'CANCELLED') AS cancelled,
                               count(*) FILTER (WHERE outcome IS NULL) AS open,
                               avg(EXTRACT(EPOCH FROM (answered_at - requested_at)))
                                   FILTER (WHERE outcome = 'ACCEPTED') AS to_accept,
                               count(*) FILTER (WHERE requester_kind = 'BOT') AS by_bots,
                               count(*) FILTER (WHERE requester_kind = 'BOT' AND outcome = 'ACCEPTED') AS bots_accepted
                        FROM readmodel.handoff_fact WHERE requested_at >= :from AND requested_at < :to""")
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> {
                     long byBots = r.get("by_bots", Long.class);
                     long botsAccepted = r.get("bots_accepted", Long.class);
                     return new Handoffs(r.get("requested", Long.class), r.get("accepted", Long.class),
                                         r.get("declined", Long.class), r.get("expired", Long.class),
                                         r.get("cancelled", Long.class), r.get("open", Long.class),
                                         number(r, "to_accept"), byBots, botsAccepted,
                                         byBots == 0 ? null : Math.round(1000.0 * botsAccepted / byBots) / 10.0);
                 })
                 .one());
    }

    @GetMapping("/api/analytics/drafts")
    public Mono<Drafts> drafts(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        return figures.row(MODEL, "drafts " + period, db.sql("""
                        SELECT COALESCE(sum(bot_drafts), 0) AS proposed, COALESCE(sum(bot_drafts_edited), 0) AS edited,
                               COALESCE(sum(bot_drafts_sent), 0) AS sent
                        FROM readmodel.ticket_fact WHERE created_at >= :from AND created_at < :to""")
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Drafts(r.get("proposed", Long.class), r.get("edited", Long.class), r.get("sent", Long.class)))
                 .one());
    }

    /** Replies in the period and what became of them: pending (on their way), sent, delivered, read, failed. */
    public record Deliveries(String key, long replies, long pending, long sent, long delivered, long read,
                             long failed) {
    }

    /**
     * How replies (written in [from, to)) reached customers, by all, channel, team or agent: handed to their
     * provider ({@code sent}, which includes those later reported delivered or read), reported delivered
     * ({@code delivered} includes read), read, failed, or still pending.
     */
    @GetMapping("/api/analytics/deliveries")
    public Flux<Deliveries> deliveries(@RequestParam(defaultValue = "all") String by,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        Period period = Period.of(from, to);
        String key = GroupBy.expression(by, DELIVERY_SEGMENTS);
        return figures.rows(MODEL, "deliveries " + by + " " + period, db.sql("""
                        SELECT %s AS k, count(*) AS replies,
                               count(*) FILTER (WHERE r.delivery IS NULL) AS pending,
                               count(*) FILTER (WHERE r.delivery IN ('SENT', 'DELIVERED', 'READ')) AS sent,
                               count(*) FILTER (WHERE r.delivery IN ('DELIVERED', 'READ')) AS delivered,
                               count(*) FILTER (WHERE r.delivery = 'READ') AS read,
                               count(*) FILTER (WHERE r.delivery = 'FAILED') AS failed
                        FROM readmodel.reply_fact r JOIN readmodel.ticket_fact t ON t.ticket_id = r.ticket_id
                        WHERE r.replied_at >= :from AND r.replied_at < :to
                        GROUP BY 1 ORDER BY 1""".formatted(key))
                 .bind("from", period.from()).bind("to", period.to())
                 .map(r -> new Deliveries(r.get("k", String.class), r.get("replies", Long.class),
                                          r.get("pending", Long.class), r.get("sent", Long.class),
                                          r.get("delivered", Long.class), r.get("read", Long.class),
                                          r.get("failed", Long.class)))
                 .all());
    }

    /** The tickets behind a figure: the same period and segment filters as the figures. */
    @GetMapping("/api/analytics/tickets")
    public Flux<TicketFact> tickets(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String channel,
                                    @RequestParam(required = false) String priority,
                                    @RequestParam(required = false) String category,
                                    @RequestParam(required = false) String team,
                                    @RequestParam(required = false) String agent,
                                    @RequestParam(required = false) Integer csat,
                                    @RequestParam(required = false) Boolean slaMet,
                                    @RequestParam(required = false) String organizationId,
                                    @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 10000");
        }
        Sql sql = facts(from, to, channel, priority, category, team, agent, csat, slaMet)
                .where("readmodel.analytics_organization_of(contact_id) = :organizationId", "organizationId",
                       organizationId)
                .param("limit", limit);
        return cancelOnLeave.rows(sql.bind(db, FACTS + sql.whereClause() + " ORDER BY created_at, ticket_id LIMIT :limit")
                                     .map(AnalyticsEndpoint::fact).all());
    }

    /** One row per ticket as CSV, streamed. */
    @GetMapping(value = "/api/analytics/tickets.csv", produces = "text/csv")
    public ResponseEntity<Flux<DataBuffer>> ticketsCsv(@RequestParam(required = false) String from,
                                                       @RequestParam(required = false) String to) {
        Sql sql = facts(from, to, null, null, null, null, null, null, null);
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        // A column per ticket field, by key: select fields show their options' labels as they are now.
        Flux<DataBuffer> rows = CustomFieldColumns.load(db).flatMapMany(columns -> cancelOnLeave.rows(sql
                                   .bind(db, FACTS + sql.whereClause() + " ORDER BY created_at, ticket_id")
                                   .map(AnalyticsEndpoint::fact).all())
                                   .map(fact -> csv(fact, columns))
                                   .startWith("ticket_id,customer_email,channel,priority,team,agent,created_at,"
                                                      + "first_response_at,resolved_at,first_response_seconds,"
                                                      + "resolution_seconds,csat,sla_met" + columns.header() + "\n"))
                                   .map(line -> buffers.wrap(line.getBytes(StandardCharsets.UTF_8)));
        return ResponseEntity.ok()
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tickets.csv\"")
                             .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                             .body(rows);
    }

    private static final String FACTS = """
            SELECT * FROM (
              SELECT f.*, EXTRACT(EPOCH FROM (first_response_at - created_at))::bigint AS frt,
                     EXTRACT(EPOCH FROM (resolved_at - created_at))::bigint AS rt,
                     f.sla_breaches = 0 AND NOT f.sla_missed AS sla_met, f.fields::text AS fields_text
              FROM readmodel.ticket_fact f) facts""";

    private static Sql facts(String from, String to, String channel, String priority, String category, String team,
                             String agent, Integer csat, Boolean slaMet) {
        Period period = Period.of(from, to);
        return new Sql().where("created_at >= :from", "from", period.from())
                        .where("created_at < :to", "to", period.to())
                        .where("channel = :channel", "channel", upper(channel))
                        .where("priority = :priority", "priority", upper(priority))
                        .where("category = :category", "category", category)
                        .where("team = :team", "team", team)
                        .where("agent = :agent", "agent", agent)
                        .where("csat = :csat", "csat", csat)
                        .where("sla_met = :slaMet", "slaMet", slaMet);
    }

    private static TicketFact fact(Readable r) {
        return new TicketFact(r.get("ticket_id", String.class), r.get("customer_email", String.class),
                              r.get("channel", String.class), r.get("priority", String.class),
                              r.get("category", String.class), r.get("team", String.class), r.get("agent", String.class),
                              time(r, "created_at"), time(r, "first_response_at"), time(r, "resolved_at"),
                              r.get("frt", Long.class), r.get("rt", Long.class),
                              r.get("csat", Short.class) == null ? null : r.get("csat", Short.class).intValue(),
                              Boolean.TRUE.equals(r.get("sla_met", Boolean.class)),
                              io.helpdesk.query.web.FieldsJson.parse(r.get("fields_text", String.class)));
    }

    private static String csv(TicketFact f, CustomFieldColumns columns) {
        return String.join(",", Csv.cell(f.ticketId()), Csv.cell(f.customerEmail()), Csv.cell(f.channel()), Csv.cell(f.priority()),
                           Csv.cell(f.team()), Csv.cell(f.agent()), Csv.cell(f.createdAt()), Csv.cell(f.firstResponseAt()),
                           Csv.cell(f.resolvedAt()), Csv.cell(f.firstResponseSeconds()), Csv.cell(f.resolutionSeconds()),
                           Csv.cell(f.csat()), String.valueOf(f.slaMet())) + columns.cells(f.fields()) + "\n";
    }

    private static String metric(String metric) {
        String seconds = METRICS.get(metric.toLowerCase(Locale.ROOT));
        if (seconds == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "metric must be one of " + METRICS.keySet());
        }
        return seconds;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static Double number(Readable r, String column) {
        Object value = r.get(column);
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10.0) / 10.0;
    }

    private static Instant time(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
