package io.helpdesk.query.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.TreeMap;

/** Custom fields' values as read models store them (a JSON object read as text), keys in order. */
public final class FieldsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldsJson() {
    }

    public static Map<String, Object> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the read model answered malformed JSON", e);
        }
    }
}
