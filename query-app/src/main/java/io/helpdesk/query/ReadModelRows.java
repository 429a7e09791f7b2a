package io.helpdesk.query;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read model's rows in a stable order ({@link io.helpdesk.projections.ReadModel.Table#compared()}), as a rebuild must reproduce
 * them: what the rebuild tests and the crash check compare.
 * User read state is left out; the timeline's own row numbers (never shown) too.
 */
public final class ReadModelRows {

    public static final List<String> READ_MODELS = ReadModels.names();

    private ReadModelRows() {
    }

    public static List<List<Map<String, Object>>> of(JdbcTemplate jdbc, String readModel) {
        return ReadModels.named(readModel).tables().stream()
                        .map(table -> jdbc.queryForList(table.compared()).stream().map(ReadModelRows::comparable).toList())
                        .toList();
    }

    /** SQL arrays compare by identity; their elements are what must match. */
    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            try {
                copy.put(column, value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return copy;
    }
}
