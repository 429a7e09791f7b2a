package io.helpdesk.query.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.helpdesk.query.web.Csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One event as exported: position, aggregate, sequence, type, time, who, correlation id and payload. The
 * canonical form is the compact JSON object (NDJSON) or the CSV row without the hash; the exported line adds
 * the hash at the end, so a verifier can strip it and hash exactly the bytes it read.
 */
record AuditRecord(long position, String aggregateType, String aggregateId, long sequence, String eventType,
                   String timestamp, String user, String correlationId, String payload) {

    static final List<String> CSV_HEADER = List.of("position", "aggregate_type", "aggregate_id", "sequence",
                                                   "event_type", "timestamp", "user", "correlation_id", "payload");

    /** {@code payload} is the event's JSON as stored, written as it is. */
    String canonicalJson(JsonFactory json) {
        StringWriter out = new StringWriter(200 + payload.length());
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField("position", position);
            generator.writeStringField("aggregateType", aggregateType);
            generator.writeStringField("aggregateId", aggregateId);
            generator.writeNumberField("sequence", sequence);
            generator.writeStringField("eventType", eventType);
            generator.writeStringField("timestamp", timestamp);
            generator.writeStringField("user", user);
            generator.writeStringField("correlationId", correlationId);
            generator.writeFieldName("payload");
            generator.writeRawValue(payload);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an event could not be written as JSON", e);
        }
        return out.toString();
    }

    String canonicalCsv() {
        return String.join(",", String.valueOf(position), Csv.cell(aggregateType), Csv.cell(aggregateId),
                           String.valueOf(sequence), Csv.cell(eventType), Csv.cell(timestamp), Csv.cell(user),
                           Csv.cell(correlationId), Csv.cell(payload));
    }

    /** The NDJSON line: the canonical object with the hash as its last field. */
    static String jsonLine(String canonical, String hash) {
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}\n";
    }

    static String csvLine(String canonical, String hash) {
        return canonical + "," + hash + "\n";
    }
}
