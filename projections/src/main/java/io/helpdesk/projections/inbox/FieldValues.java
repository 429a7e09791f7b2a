package io.helpdesk.projections.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** Custom fields' values as the read models store them: one JSON object, keys in order. */
public final class FieldValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldValues() {
    }

    public static String json(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom field values are plain JSON", e);
        }
    }
}
