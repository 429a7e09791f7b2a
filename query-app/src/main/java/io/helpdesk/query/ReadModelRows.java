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

    /**
     * What differs between two reads of a read model's rows ({@link #of}), table by table: the rows only one side
     * has (as many times as it has them more often), or that the same rows come in another order. Empty when equal.
     */
    public static List<String> differences(String readModel, List<List<Map<String, Object>>> live,
                                           List<List<Map<String, Object>>> rebuilt) {
        List<io.helpdesk.projections.ReadModel.Table> tables = ReadModels.named(readModel).tables();
        List<String> found = new java.util.ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            List<Map<String, Object>> before = i < live.size() ? live.get(i) : List.of();
            List<Map<String, Object>> after = i < rebuilt.size() ? rebuilt.get(i) : List.of();
            if (before.equals(after)) {
                continue;
            }
            String table = tables.get(i).name();
            List<Map<String, Object>> onlyBefore = new java.util.ArrayList<>(before);
            after.forEach(onlyBefore::remove);
            List<Map<String, Object>> onlyAfter = new java.util.ArrayList<>(after);
            before.forEach(onlyAfter::remove);
            onlyBefore.forEach(row -> found.add(table + " only live: " + row));
            onlyAfter.forEach(row -> found.add(table + " only rebuilt: " + row));
            if (onlyBefore.isEmpty() && onlyAfter.isEmpty()) {
                found.add(table + ": the same rows in another order");
            }
        }
        return found;
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
