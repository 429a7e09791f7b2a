package io.helpdesk.query.audit;

import io.helpdesk.query.web.Csv;

import java.util.List;

/**
 * One event as exported: position, aggregate, sequence, type, time, who, correlation id, cause (the macro
 * application or rule that made the change, when one did) and payload. The
 * canonical form is the compact JSON object (NDJSON) or the CSV row without the hash; the exported line adds
 * the hash at the end, so a verifier can strip it and hash exactly the bytes it read.
 */
record AuditRecord(long position, String aggregateType, String aggregateId, long sequence, String eventType,
                   String timestamp, String user, String correlationId, String cause, String payload) {

    static final List<String> CSV_HEADER = List.of("position", "aggregate_type", "aggregate_id", "sequence",
                                                   "event_type", "timestamp", "user", "correlation_id", "cause",
                                                   "payload");

    /**
     * {@code payload} is the event's JSON as stored, written as it is; strings are escaped as JSON wants them
     * (quote, backslash and control characters), everything else written as it is.
     */
    String canonicalJson() {
        StringBuilder out = new StringBuilder(200 + payload.length());
        out.append("{\"position\":").append(position);
        field(out, "aggregateType", aggregateType);
        field(out, "aggregateId", aggregateId);
        out.append(",\"sequence\":").append(sequence);
        field(out, "eventType", eventType);
        field(out, "timestamp", timestamp);
        field(out, "user", user);
        field(out, "correlationId", correlationId);
        field(out, "cause", cause);
        return out.append(",\"payload\":").append(payload).append('}').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, run, i).append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> String.format("\\u%04X", (int) c);
            });
            run = i + 1;
        }
        out.append(value, run, value.length()).append('"');
    }

    String canonicalCsv() {
        return String.join(",", String.valueOf(position), Csv.cell(aggregateType), Csv.cell(aggregateId),
                           String.valueOf(sequence), Csv.cell(eventType), Csv.cell(timestamp), Csv.cell(user),
                           Csv.cell(correlationId), Csv.cell(cause), Csv.cell(payload));
    }

    /** Appends the NDJSON line: the canonical object with the hash as its last field. */
    static void appendJsonLine(StringBuilder out, String canonical, String hash) {
        out.append(canonical, 0, canonical.length() - 1).append(",\"hash\":\"").append(hash).append("\"}\n");
    }

    static void appendCsvLine(StringBuilder out, String canonical, String hash) {
        out.append(canonical).append(',').append(hash).append('\n');
    }
}
