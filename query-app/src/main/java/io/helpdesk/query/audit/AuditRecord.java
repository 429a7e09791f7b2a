package io.helpdesk.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdesk.query.web.Csv;

import java.util.List;

/**
 * One event as exported: position, aggregate, sequence, type, time, who, correlation id and payload. The
 * canonical form is the compact JSON object (NDJSON) or the CSV row without the hash; the exported line adds
 * the hash at the end, so a verifier can strip it and hash exactly the bytes it read.
 */
record AuditRecord(long position, String aggregateType, String aggregateId, long sequence, String eventType,
                   String timestamp, String user, String correlationId, JsonNode payload) {

    static final List<String> CSV_HEADER = List.of("position", "aggregate_type", "aggregate_id", "sequence",
                                                   "event_type", "timestamp", "user", "correlation_id", "payload");

    String canonicalJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("position", position);
        node.put("aggregateType", aggregateType);
        node.put("aggregateId", aggregateId);
        node.put("sequence", sequence);
        node.put("eventType", eventType);
        node.put("timestamp", timestamp);
        node.put("user", user);
        node.put("correlationId", correlationId);
        node.set("payload", payload);
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
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
