package io.helpdesk.query.inbox;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.query.customers.CustomerContextLookup;
import io.swagger.v3.oas.annotations.media.Schema;
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
import java.util.Optional;

/**
 * One ticket: its inbox row (with its earliest running SLA deadline) and its timeline. Each run of its SLA
 * clocks is the SLA read model's, at {@code GET /api/sla/tickets/{ticketId}}.
 */
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

    /**
     * {@code delivery}: on an agent reply, how far it got to the customer (SENT, DELIVERED, READ, FAILED);
     * {@code attachments}: the files a message or note carries (downloaded from command-app's
     * {@code GET /api/tickets/{ticketId}/attachments/{sha256}}); {@code eventId}: the event the line shows (a
     * message's names it for a split); {@code fromTicket}: the ticket a message merged or split into this one
     * came from.
     */
    public record TimelineEntry(Instant at, String kind, String actor, String detail,
                                @Schema(allowableValues = {"SENT", "DELIVERED", "READ", "FAILED"}) String delivery,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<File> attachments,
                                String eventId, String fromTicket) {
    }

    /** A file on a message: the SHA-256 of its bytes, its name, size in bytes and media type. */
    public record File(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String sha256,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long size,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contentType) {
    }

    /**
     * {@code customer}: what the commerce API knows of the customer, or why it could not say. {@code version}: the
     * sequence number of the ticket's last event this view shows; send it back as
     * {@code If-Match} on a command to have it refused when the ticket changed since (collision detection).
     */
    public record TicketDetail(@JsonUnwrapped InboxRow ticket, List<TimelineEntry> timeline,
                               CustomerContextLookup.CustomerContext customer,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long version,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Link> links) {
    }

    /**
     * A link to another ticket: RELATED, DUPLICATE_OF, HAS_DUPLICATE, CAUSED_BY or CAUSES; MERGED_INTO /
     * MERGED_FROM and SPLIT_TO / SPLIT_FROM from merges and splits.
     */
    public record Link(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String kind) {
    }

    /**
     * The row and its timeline in one statement: a ticket is read after nearly every action on it. The
     * timeline comes as a JSON array of arrays, times as epoch microseconds (exact, and no time-zone rendering
     * to parse).
     */
    private static final String DETAIL = InboxRow.selectWith("""
                   (SELECT json_agg(json_build_array((EXTRACT(EPOCH FROM e.at) * 1000000)::bigint,
                                                     e.kind, e.actor, e.detail, e.delivery, e.attachments,
                                                     e.event_id, e.from_ticket)
                                    ORDER BY e.event_position)
                    FROM readmodel.ticket_timeline e WHERE e.ticket_id = t.ticket_id)::text AS timeline,
                   (SELECT a.sequence FROM readmodel.inbox_applied a
                    WHERE a.projection = 'TicketTimelineProjection' AND a.aggregate_id = t.ticket_id) AS version,
                   t.links::text AS links""")
            + " WHERE t.ticket_id = :id";

    @GetMapping("/api/tickets/{ticketId}")
    public Mono<TicketDetail> ticket(@PathVariable String ticketId) {
        return db.sql(DETAIL)
                 .bind("id", ticketId)
                 .map(r -> new Read(InboxRow.read(r), r.get("timeline", String.class),
                                   Optional.ofNullable(r.get("version", Long.class)).orElse(0L),
                                   r.get("links", String.class)))
                 .one()
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                         HttpStatus.NOT_FOUND, "no ticket with id " + ticketId)))
                 .flatMap(read -> {
                     List<TimelineEntry> timeline = timeline(read.timeline());
                     return customers.context(read.row().customerEmail())
                                     .map(customer -> new TicketDetail(read.row(), timeline, customer, read.version(),
                                                                       links(read.links())));
                 });
    }

    private record Read(InboxRow row, String timeline, long version, String links) {
    }

    private List<Link> links(String rows) {
        List<Link> links = new ArrayList<>();
        for (JsonNode link : tree(rows)) {
            links.add(new Link(link.path("ticketId").asText(), link.path("kind").asText()));
        }
        return List.copyOf(links);
    }

    private List<TimelineEntry> timeline(String rows) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (JsonNode e : tree(rows)) {
            List<File> files = new ArrayList<>();
            for (JsonNode file : e.path(5)) {
                files.add(new File(file.path("sha256").asText(), file.path("name").asText(),
                                   file.path("size").asLong(), file.path("contentType").asText()));
            }
            entries.add(new TimelineEntry(instant(e.get(0)), text(e.get(1)), text(e.get(2)), text(e.get(3)),
                                          text(e.get(4)), List.copyOf(files), text(e.get(6)), text(e.get(7))));
        }
        return entries;
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
