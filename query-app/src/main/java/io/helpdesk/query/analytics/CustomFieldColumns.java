package io.helpdesk.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.field.CustomFields;
import io.helpdesk.query.web.Csv;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Custom fields in analytics, from the analytics read model's own copy of their definitions: a CSV column per
 * ticket field, and figures grouped by a ticket's, its contact's or its organization's field, select options shown
 * by their labels as they are now (values hold option ids, so a renamed option keeps its tickets).
 */
final class CustomFieldColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ticket fields by key, each with its options' labels by id. */
    private final Map<String, Map<String, String>> fields;

    private CustomFieldColumns(Map<String, Map<String, String>> fields) {
        this.fields = fields;
    }

    static Mono<CustomFieldColumns> load(DatabaseClient db) {
        return db.sql("SELECT key, options::text AS options FROM readmodel.analytics_field WHERE entity = 'TICKET' "
                              + "ORDER BY key")
                 .map(row -> Map.entry(row.get("key", String.class), labels(row.get("options", String.class))))
                 .all().collectList()
                 .map(rows -> {
                     Map<String, Map<String, String>> fields = new LinkedHashMap<>();
                     rows.forEach(row -> fields.put(row.getKey(), row.getValue()));
                     return new CustomFieldColumns(fields);
                 });
    }

    String header() {
        return fields.keySet().stream().map(key -> "," + Csv.cell("field:" + key)).collect(Collectors.joining());
    }

    String cells(Map<String, Object> values) {
        StringBuilder cells = new StringBuilder();
        fields.forEach((key, labels) -> {
            Object value = values.get(key);
            String shown = value == null ? null
                    : value instanceof List<?> ids ? ids.stream().map(id -> labels.getOrDefault(id, String.valueOf(id)))
                                                       .collect(Collectors.joining("; "))
                    : labels.getOrDefault(String.valueOf(value), String.valueOf(value));
            cells.append(',').append(Csv.cell(shown));
        });
        return cells.toString();
    }

    /**
     * Where the values of each kind of grouping field are: a ticket's own, those of its contact (the one its chain
     * of merges ends at) and those of that contact's organization.
     */
    private static final Map<String, String> SOURCES = Map.of(
            "field:", "fields",
            "contact-field:", "readmodel.analytics_contact_fields(contact_id)",
            "organization-field:", "readmodel.analytics_organization_fields(contact_id)");

    /**
     * The SQL expression of {@code by=field:<key>} (a ticket field), {@code by=contact-field:<key>} or
     * {@code by=organization-field:<key>}: the option's label (or the value itself), {@code (none)} without one;
     * empty when {@code by} names no field. The key is checked to be one before it is written into the statement.
     */
    static Optional<String> groupBy(String by) {
        if (by == null) {
            return Optional.empty();
        }
        return SOURCES.entrySet().stream().filter(source -> by.startsWith(source.getKey())).findFirst().map(source -> {
            String key = by.substring(source.getKey().length());
            if (!CustomFields.KEY.matcher(key).matches()) {
                throw new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.BAD_REQUEST,
                        "by=" + source.getKey() + "<key> names a custom field's key");
            }
            return """
                    COALESCE((SELECT o ->> 'label' FROM readmodel.analytics_field d, jsonb_array_elements(d.options) o
                              WHERE d.key = '%1$s' AND o ->> 'id' = %2$s ->> '%1$s'), %2$s ->> '%1$s', '(none)')"""
                    .formatted(key, source.getValue());
        });
    }

    private static Map<String, String> labels(String options) {
        try {
            List<Map<String, String>> list = JSON.readValue(options, new TypeReference<>() { });
            Map<String, String> labels = new LinkedHashMap<>();
            list.forEach(option -> labels.put(option.get("id"), option.get("label")));
            return labels;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the read model answered malformed JSON", e);
        }
    }
}
