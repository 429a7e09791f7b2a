package io.helpdesk.domain.field;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An entity's custom fields' values as its aggregate keeps them: key to value, a missing key unset. */
public final class FieldValues {

    private FieldValues() {
    }

    /** The values of {@code requested} that differ from {@code current} (a null clears a set field). */
    public static Map<String, Object> changed(Map<String, Object> current, Map<String, Object> requested) {
        Map<String, Object> changed = new TreeMap<>();
        requested.forEach((key, value) -> {
            if (!Objects.equals(current.get(key), value)) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    /** Applies recorded changes to {@code fields}: a null value removes the key. */
    public static void apply(Map<String, Object> fields, Map<String, Object> values) {
        values.forEach((key, value) -> {
            if (value == null) {
                fields.remove(key);
            } else {
                fields.put(key, value);
            }
        });
    }
}
