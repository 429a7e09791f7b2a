package io.helpdesk.query.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.audit.AuditTrailExported;
import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.query.web.Period;
import io.helpdesk.query.web.Sql;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import io.helpdesk.security.Caller;
import io.helpdesk.security.RequestLogContext;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.helpdesk.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit trail: every event with who, when and what, as NDJSON or CSV, hash-chained (see
 * {@link HashChain}) and ending with the final hash, signed with the seal's key (see {@link ExportVerifier}). Read straight from the event store in pages by global
 * position, so memory stays constant however long the history. Verify a file with
 * {@code java -jar query-app-*-exec.jar verify-export FILE}.
 */
@RestController
public class AuditExportEndpoint {

    static final int PAGE = 1_000;

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final PrivateChannels privateChannels;

    private final SealKey key;

    private final io.helpdesk.eventstore.personal.PersonalData personal;

    private final org.axonframework.eventsourcing.eventstore.EventStore events;

    public AuditExportEndpoint(DatabaseClient db, ObjectMapper json, JdbcTemplate jdbc, SealKey key,
                               io.helpdesk.eventstore.personal.PersonalData personal,
                               org.axonframework.eventsourcing.eventstore.EventStore events) {
        this.db = db;
        this.events = events;
        this.personal = personal;
        this.key = key;
        this.json = json;
        this.privateChannels = new PrivateChannels(jdbc, json);
    }

    /**
     * @param aggregateId only this ticket's, handoff's or channel's events
     * @param customer    only the events of tickets opened by this customer e-mail (as far as the audit read
     *                    model has come: send {@code X-Min-Position} to wait for it)
     * @param from        events at or after this instant
     * @param to          events before this instant
     * @param format      {@code ndjson} (default) or {@code csv}
     */
    @GetMapping("/api/audit/events")
    @ApiResponse(responseCode = "200", description = "The records, each with its chained hash, then the trailer",
                 content = {@Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<Flux<DataBuffer>> export(@RequestParam(required = false) String aggregateId,
                                                   @RequestParam(required = false) String customer,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to,
                                                   @RequestParam(defaultValue = "ndjson") String format,
                                                   ServerWebExchange exchange) {
        // The text of private channels' messages only for ADMIN; MANAGER sees that they were written, and by whom.
        boolean admin = Caller.find(exchange).map(caller -> caller.roles().contains(Role.ADMIN)).orElse(false);
        boolean csv = switch (format) {
            case "ndjson" -> false;
            case "csv" -> true;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be ndjson or csv");
        };
        Period period = Period.of(from, to);
        Sql filter = new Sql()
                .where("aggregate_identifier = :aggregateId", "aggregateId", aggregateId)
                // The audit read model keeps who opened each ticket: no SQL reads the events' payloads.
                .where("aggregate_identifier IN (SELECT ticket_id FROM readmodel.audit_ticket_customer "
                               + "WHERE customer_email = :customer)", "customer", customer)
                .where("time_stamp::timestamptz >= :from", "from", from == null ? null : period.from())
                .where("time_stamp::timestamptz < :to", "to", to == null ? null : period.to());
        HashChain chain = new HashChain();
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        // One chunk per page of records: a write per record cost more than rendering it.
        Flux<String> chunks = page(filter, 0L)
                .expand(rows -> rows.size() < PAGE ? Mono.empty()
                        : page(filter, rows.get(rows.size() - 1).position()))
                // Reading the metadata, rendering and hashing on another thread: the connection's thread, which
                // decodes the rows, is the busier of the two, and reads the next page meanwhile. At most two
                // pages wait, so memory stays bounded.
                .publishOn(Schedulers.boundedElastic(), 2)
                .map(rows -> {
                    StringBuilder chunk = new StringBuilder(rows.size() * 400);
                    for (StoredEvent row : rows) {
                        AuditRecord record = record(row, admin);
                        String canonical = csv ? record.canonicalCsv() : record.canonicalJson();
                        String hash = chain.next(canonical);
                        if (csv) {
                            AuditRecord.appendCsvLine(chunk, canonical, hash);
                        } else {
                            AuditRecord.appendJsonLine(chunk, canonical, hash);
                        }
                    }
                    return chunk.toString();
                })
                .concatWith(Mono.fromSupplier(() -> {
                    String signature = Base64.getEncoder().encodeToString(
                            key.sign(ExportVerifier.signed(chain.records(), chain.last())));
                    return csv
                            ? "#records=" + chain.records() + ",finalHash=" + chain.last() + ",keyId=" + key.keyId()
                                    + ",signature=" + signature + "\n"
                            : "{\"records\":" + chain.records() + ",\"finalHash\":\"" + chain.last()
                                    + "\",\"keyId\":\"" + key.keyId() + "\",\"signature\":\"" + signature + "\"}\n";
                }));
        if (csv) {
            chunks = Flux.concat(Mono.just(String.join(",", AuditRecord.CSV_HEADER) + ",hash\n"), chunks);
        }
        // Every export is recorded in the trail before it is read (and so holds its own record); no record, no export.
        AuditTrailExported exported = new AuditTrailExported(
                Caller.find(exchange).map(Caller::user).orElse(null), format, aggregateId, customer != null,
                from == null ? null : period.from().toInstant(), to == null ? null : period.to().toInstant(), admin);
        String correlationId = RequestLogContext.correlationId(exchange);
        chunks = Mono.fromRunnable(() -> events.publish(GenericEventMessage.asEventMessage(exported).andMetaData(
                             MetaData.with("user", exported.by()).and("correlationId", correlationId))))
                     .subscribeOn(Schedulers.boundedElastic())
                     .thenMany(chunks);
        return ResponseEntity.ok()
                             .header(HttpHeaders.CONTENT_DISPOSITION,
                                     "attachment; filename=\"audit." + (csv ? "csv" : "ndjson") + "\"")
                             .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                                              : MediaType.parseMediaType("application/x-ndjson"))
                             .body(chunks.map(chunk -> buffers.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
    }

    /** The metadata fields that say which macro application or rule made a change. */
    private static final Set<String> CAUSES = Set.of("macroId", "macroVersion", "macroApplication", "macroUndoes",
                                                     "ruleId", "ruleVersion", "ruleTrigger");

    /**
     * "macro M v2, application A" (", undoing B" for an undo) or "rule R v3, on event E"; null for a change made
     * by hand.
     */
    static String cause(Map<String, String> metaData) {
        if (metaData.containsKey("ruleId")) {
            return "rule " + metaData.get("ruleId") + " v" + metaData.get("ruleVersion") + ", on event "
                    + metaData.get("ruleTrigger");
        }
        if (metaData.containsKey("macroId")) {
            String undoes = metaData.get("macroUndoes");
            return "macro " + metaData.get("macroId") + " v" + metaData.get("macroVersion") + ", application "
                    + metaData.get("macroApplication") + (undoes == null ? "" : ", undoing " + undoes);
        }
        return null;
    }

    /** An event row as read, before its metadata is. */
    private record StoredEvent(long position, String type, String aggregateId, long sequence, String eventType,
                               String timestamp, String payload, String meta) {
    }

    private Mono<List<StoredEvent>> page(Sql filter, long after) {
        String where = filter.whereClause().isEmpty() ? " WHERE global_index > :after"
                : filter.whereClause() + " AND global_index > :after";
        return filter.param("after", after).param("limit", PAGE)
                     .bind(db, """
                             SELECT global_index, type, aggregate_identifier, sequence_number, payload_type, time_stamp,
                                    convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta
                             FROM eventstore.domain_event_entry""" + where + " ORDER BY global_index LIMIT :limit")
                     // By index: the names would be looked up for every column of every row.
                     .map(row -> new StoredEvent(row.get(0, Long.class), row.get(1, String.class),
                                                 row.get(2, String.class), row.get(3, Long.class),
                                                 row.get(4, String.class), row.get(5, String.class),
                                                 row.get(6, String.class), row.get(7, String.class)))
                     .all().collectList();
    }

    private AuditRecord record(StoredEvent row, boolean admin) {
        long position = row.position();
        // Personal data decrypted, or read as erased where its subject was (the store keeps the ciphertext).
        String payload = admin || !"Channel".equals(row.type())
                ? personal.openJson(row.eventType(), row.aggregateId(), row.payload())
                : privateChannels.payloadFor(row.eventType(), row.aggregateId(), row.payload());
        String meta = row.meta();
        if (payload == null || !payload.startsWith("{")) {
            throw new IllegalStateException("event " + position + " is not a JSON object");
        }
        String user = null;
        String correlationId = null;
        Map<String, String> cause = new HashMap<>();
        if (meta != null) {
            // Only these fields of the metadata are exported: read past the rest rather than build a tree.
            try (JsonParser parser = json.getFactory().createParser(meta)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("the metadata of event " + position + " is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value.isStructStart()) {
                        parser.skipChildren();
                    } else if (value != JsonToken.VALUE_NULL && field.equals("user")) {
                        user = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL && field.equals("correlationId")) {
                        correlationId = parser.getText();
                    } else if (value != JsonToken.VALUE_NULL && CAUSES.contains(field)) {
                        cause.put(field, parser.getText());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("event " + position + " is not readable JSON", e);
            }
        }
        return new AuditRecord(position, row.type(), row.aggregateId(), row.sequence(), row.eventType(),
                               row.timestamp(), user, correlationId, cause(cause), payload);
    }
}
