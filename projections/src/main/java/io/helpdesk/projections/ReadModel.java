package io.helpdesk.projections;

import java.util.Arrays;
import java.util.List;

/**
 * What the rest of the system knows of one read model: its name (which is its projection's processing group;
 * the rebuild twin's group adds {@link #SHADOW_SUFFIX}), the tables it owns (a rebuild creates their shadows
 * and swaps exactly these; each with the query that lists its rows in a stable order, as a rebuild must
 * reproduce them), and the paths of the queries it answers (a request with {@code X-Min-Position} waits for the
 * read models that answer its path only). Each read model declares its own next to its projection; {@link #all()}
 * lists them for the rebuild, read-your-writes, the figure cache, live updates and the rebuild checks.
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

    /**
     * Every read model, in the order the rebuild checks go through them. In a holder: each projection's
     * descriptor is made while its class initializes, which must not wait for this list.
     */
    private static final class All {
        static final List<ReadModel> LIST = List.of(
                io.helpdesk.projections.inbox.InboxProjection.READ_MODEL,
                io.helpdesk.projections.sla.SlaProjection.READ_MODEL,
                io.helpdesk.projections.analytics.AnalyticsProjection.READ_MODEL,
                io.helpdesk.projections.notifications.NotificationProjection.READ_MODEL,
                io.helpdesk.projections.channels.ChannelProjection.READ_MODEL,
                io.helpdesk.projections.audit.TicketCustomerProjection.READ_MODEL,
                io.helpdesk.projections.contacts.ContactProjection.READ_MODEL);
    }

    public static List<ReadModel> all() {
        return All.LIST;
    }

    /** A read model with {@code tables} and the table of what its projections applied ({@code <name>_applied}). */
    public static ReadModel of(String name, List<Table> tables, String... paths) {
        List<Table> all = new java.util.ArrayList<>(tables);
        all.add(Table.of(name + "_applied", "projection, aggregate_id"));
        return new ReadModel(name, List.copyOf(all), Arrays.asList(paths));
    }

    /** The read model called {@code name}, or null. */
    public static ReadModel named(String name) {
        return all().stream().filter(model -> model.name().equals(name)).findFirst().orElse(null);
    }

    public static List<String> names() {
        return all().stream().map(ReadModel::name).toList();
    }

    /** The read models that answer requests to {@code path}; all of them for a path none claims. */
    public static List<ReadModel> answering(String path) {
        List<ReadModel> answering = all().stream().filter(model -> model.answers(path)).toList();
        return answering.isEmpty() ? all() : answering;
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
