package io.helpdesk.projections;

import java.util.Arrays;
import java.util.List;

/**
 * What the rest of the system knows of one read model: its name (which is its projection's processing group;
 * the rebuild twin's group adds {@link #SHADOW_SUFFIX}), the tables it owns (a rebuild creates their shadows
 * and swaps exactly these; each with the query that lists its rows in a stable order, as a rebuild must
 * reproduce them), and the paths of the queries it answers (a request with {@code X-Min-Position} waits for the
 * read models that answer its path only). Each read model declares its own in its package, next to its
 * projection and its endpoint; query-app's {@code ReadModels} lists them for the rebuild, read-your-writes, the
 * figure cache, live updates and the rebuild checks.
 */
public record ReadModel(String name, List<Table> tables, List<String> paths) {

    public static final String SHADOW_SUFFIX = "-shadow";

    /**
     * @param compared the query listing its rows in a stable order, leaving out what a rebuild may renumber and
     *                 never shows (a table's own row numbers)
     */
    public record Table(String name, String compared) {

        /** A table compared in full, ordered by {@code orderBy}. */
        public static Table of(String name, String orderBy) {
            return new Table(name, "SELECT * FROM readmodel." + name + " ORDER BY " + orderBy);
        }
    }

    /** A read model with {@code tables} and the table of what its projections applied ({@code <name>_applied}). */
    public static ReadModel of(String name, List<Table> tables, String... paths) {
        List<Table> all = new java.util.ArrayList<>(tables);
        all.add(Table.of(name + "_applied", "projection, aggregate_id"));
        return new ReadModel(name, List.copyOf(all), Arrays.asList(paths));
    }

    public boolean answers(String path) {
        return paths.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
                || prefix.endsWith("/") && path.startsWith(prefix));
    }

    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }

    public String shadowGroup() {
        return name + SHADOW_SUFFIX;
    }
}
