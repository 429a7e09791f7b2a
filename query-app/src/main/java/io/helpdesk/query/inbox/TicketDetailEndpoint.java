package io.helpdesk.query.inbox;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.query.customers.CustomerContextLookup;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One ticket: its inbox row, its timeline and its SLA clocks. */
@RestController
public class TicketDetailEndpoint {

    private final DatabaseClient db;
    private final CustomerContextLookup customers;
    private final ObjectMapper json;

    public TicketDetailEndpoint(DatabaseClient db, CustomerContextLookup customers, ObjectMapper json) {
        this.db = db;
        this.customers = customers;
        this.json = json;
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

    /**
     * The row, its timeline and its clocks in one statement: a ticket is read after nearly every action on it,
     * and three statements cost about three times one in both the app and the database. The lists come as
     * JSON arrays of arrays, times as epoch microseconds (exact, and no time-zone rendering to parse).
     */
    private static final String DETAIL = InboxRow.selectWith("""
                   (SELECT json_agg(json_build_array((EXTRACT(EPOCH FROM e.at) * 1000000)::bigint,
                                                     e.kind, e.actor, e.detail)
                                    ORDER BY e.event_position, e.position)
                    FROM readmodel.ticket_timeline e WHERE e.ticket_id = t.ticket_id)::text AS timeline,
                   (SELECT json_agg(json_build_array(c.target, c.cycle,
                                                     (EXTRACT(EPOCH FROM c.started_at) * 1000000)::bigint,
                                                     (EXTRACT(EPOCH FROM c.due_at) * 1000000)::bigint,
                                                     (EXTRACT(EPOCH FROM c.at_risk_at) * 1000000)::bigint,
                                                     c.paused,
                                                     (EXTRACT(EPOCH FROM c.breached_at) * 1000000)::bigint,
                                                     (EXTRACT(EPOCH FROM c.stopped_at) * 1000000)::bigint,
                                                     c.outcome)
                                    ORDER BY c.started_at, c.target)
                    FROM readmodel.sla_clock c WHERE c.ticket_id = t.ticket_id)::text AS sla""")
            + " WHERE t.ticket_id = :id";

    @GetMapping("/api/tickets/{ticketId}")
    public Mono<TicketDetail> ticket(@PathVariable String ticketId) {
        return db.sql(DETAIL)
                 .bind("id", ticketId)
                 .map(r -> new Read(InboxRow.read(r), r.get("timeline", String.class), r.get("sla", String.class)))
                 .one()
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                         HttpStatus.NOT_FOUND, "no ticket with id " + ticketId)))
                 .flatMap(read -> {
                     List<TimelineEntry> timeline = timeline(read.timeline());
                     List<SlaClock> sla = sla(read.sla(), Instant.now());
                     return customers.context(read.row().customerEmail())
                                     .map(customer -> new TicketDetail(read.row(), timeline, sla, customer));
                 });
    }

    private record Read(InboxRow row, String timeline, String sla) {
    }

    private List<TimelineEntry> timeline(String rows) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (JsonNode e : tree(rows)) {
            entries.add(new TimelineEntry(instant(e.get(0)), text(e.get(1)), text(e.get(2)), text(e.get(3))));
        }
        return entries;
    }

    private List<SlaClock> sla(String rows, Instant now) {
        List<SlaClock> clocks = new ArrayList<>();
        for (JsonNode c : tree(rows)) {
            Instant due = instant(c.get(3));
            Instant atRisk = instant(c.get(4));
            boolean paused = c.get(5).asBoolean();
            Instant breached = instant(c.get(6));
            String outcome = text(c.get(8));
            clocks.add(new SlaClock(text(c.get(0)), c.get(1).asInt(), state(outcome, paused, breached, due, atRisk, now),
                                    instant(c.get(2)), due, atRisk, paused, breached, instant(c.get(7)), outcome));
        }
        return clocks;
    }

    private JsonNode tree(String rows) {
        if (rows == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the read model answered malformed JSON", e);
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode epochMicros) {
        return epochMicros == null || epochMicros.isNull()
                ? null : Instant.EPOCH.plus(epochMicros.asLong(), ChronoUnit.MICROS);
    }
}
