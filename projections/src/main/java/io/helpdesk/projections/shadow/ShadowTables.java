package io.helpdesk.projections.shadow;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * Creates a read model's shadow tables when its rebuild starts, from the live tables' definitions as they are
 * now: columns, defaults, checks, keys and indexes, under the same names (the two live in different schemas).
 * Migrations therefore change only the live tables, and a rebuild after a migration builds tables that have
 * it; after the swap the live tables keep their index and constraint names. No read-model column draws from
 * a sequence (what clients see comes from the events, so a rebuild gives the same values).
 */
public final class ShadowTables {

    private static final String LIVE = "readmodel";
    private static final String SHADOW = "readmodel_shadow";

    private ShadowTables() {
    }

    /** Drops the shadow twins of these tables and creates them anew; run it in one transaction. */
    public static void recreate(JdbcTemplate jdbc, List<String> tables) {
        for (String table : tables) {
            String live = LIVE + "." + table;
            String shadow = SHADOW + "." + table;
            jdbc.update("DROP TABLE IF EXISTS " + shadow);
            jdbc.update("CREATE TABLE " + shadow + " (LIKE " + live + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                                + "INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)");
            // Primary keys, unique and exclusion constraints, under their names.
            for (Map<String, Object> constraint : jdbc.queryForList("""
                    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                    WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname""", live)) {
                jdbc.update("ALTER TABLE " + shadow + " ADD CONSTRAINT " + quote((String) constraint.get("name"))
                                    + " " + constraint.get("definition"));
            }
            // Every other index, under its name.
            for (Map<String, Object> index : jdbc.queryForList("""
                    SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
                    WHERE i.indrelid = ?::regclass
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                    ORDER BY i.indexrelid::regclass::text""", live)) {
                String definition = (String) index.get("definition");
                String on = " ON " + live + " ";
                if (!definition.contains(on)) {
                    throw new IllegalStateException("cannot copy index of " + live + ": " + definition);
                }
                jdbc.update(definition.replace(on, " ON " + shadow + " "));
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
