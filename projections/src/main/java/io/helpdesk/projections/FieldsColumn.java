package io.helpdesk.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** Custom fields' values as read models store them in a {@code fields} column: one JSON object, keys in order. */
public final class FieldsColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldsColumn() {
    }

    /** A field definition's options ({@code [{id, label}]}), as analytics keeps them beside the values. */
    public static String json(java.util.List<?> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("field options are plain JSON", e);
        }
    }

    public static String json(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom field values are plain JSON", e);
        }
    }
}
