package io.helpdesk.query.analytics;

import io.helpdesk.projections.BatchingJdbcTemplate.RowChange;

import io.helpdesk.projections.TicketSla;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one batch's events do to a ticket's fact row: columns they set (null included) and counters they add
 * to. A batch that opened the ticket inserts the row as its events leave it; any other batch updates only what
 * its events touched. Either is one statement of a fixed shape, so the rows of a batch go as one JDBC batch.
 */
final class TicketFact implements RowChange {

    /** Columns an event sets to a value; the others keep theirs. */
    enum Column {
        PRIORITY("priority", "varchar"),
        CATEGORY("category", "text"),
        TEAM("team", "text"),
        AGENT("agent", "text"),
        FIRST_RESPONSE_AT("first_response_at", "timestamptz"),
        FIRST_RESPONSE_AGENT("first_response_agent", "text"),
        RESOLVED_AT("resolved_at", "timestamptz"),
        RESOLVED_BY("resolved_by", "text"),
        CLOSED_AT("closed_at", "timestamptz"),
        CSAT("csat", "smallint"),
        SLA_STATE("sla_state", "text"),
        SLA_MISSED("sla_missed", "boolean");

        final String name;
        final String type;

        Column(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    /** Columns events count up. */
    enum Counter {
        REOPENED("reopened"),
        SLA_BREACHES("sla_breaches"),
        BOT_DRAFTS("bot_drafts"),
        BOT_DRAFTS_EDITED("bot_drafts_edited"),
        BOT_DRAFTS_SENT("bot_drafts_sent");

        final String name;

        Counter(String name) {
            this.name = name;
        }
    }

    private static final Column[] COLUMNS = Column.values();
    private static final Counter[] COUNTERS = Counter.values();

    static final String INSERT = "INSERT INTO readmodel.ticket_fact (ticket_id, customer_email, contact_id, channel, "
            + "created_at, "
            + Stream.concat(Arrays.stream(COLUMNS).map(c -> c.name), Arrays.stream(COUNTERS).map(c -> c.name))
                    .collect(Collectors.joining(", "))
            + ") VALUES (?, ?, ?, ?, ?" + ", ?".repeat(COLUMNS.length + COUNTERS.length) + ")";

    /** Each column: {@code CASE WHEN <set> THEN <value> ELSE <column> END}; each counter: plus its count. */
    static final String UPDATE = "UPDATE readmodel.ticket_fact SET "
            + Stream.concat(Arrays.stream(COLUMNS).map(c -> c.name + " = CASE WHEN ?::boolean THEN ?::" + c.type
                                                                + " ELSE " + c.name + " END"),
                            Arrays.stream(COUNTERS).map(c -> c.name + " = " + c.name + " + ?"))
                    .collect(Collectors.joining(", "))
            + " WHERE ticket_id = ?";

    private final String ticketId;
    private boolean opened;
    private String customerEmail;
    private String contactId;
    private String channel;
    private OffsetDateTime createdAt;
    private final boolean[] set = new boolean[COLUMNS.length];
    private final Object[] values = new Object[COLUMNS.length];
    private final int[] counts = new int[COUNTERS.length];
    private TicketSla.Folded clocks;
    private Function<TicketSla.Folded, String> clocksWriter;

    TicketFact(String ticketId) {
        this.ticketId = ticketId;
    }

    TicketFact open(String customerEmail, String contactId, String channel, OffsetDateTime createdAt) {
        this.opened = true;
        this.customerEmail = customerEmail;
        this.contactId = contactId;
        this.channel = channel;
        this.createdAt = createdAt;
        return this;
    }

    /** The customer's address of a row not sent yet reads as erased. */
    void erase(String placeholder) {
        customerEmail = placeholder;
    }

    TicketFact set(Column column, Object value) {
        set[column.ordinal()] = true;
        values[column.ordinal()] = value;
        return this;
    }

    boolean opened() {
        return opened;
    }

    /** Sets the clocks; they are written (as JSON) once, when the batch sends the row. */
    TicketFact clocks(TicketSla.Folded folded, Function<TicketSla.Folded, String> writer) {
        this.clocks = folded;
        this.clocksWriter = writer;
        set(Column.SLA_MISSED, folded.missed());
        set[Column.SLA_STATE.ordinal()] = true;
        return this;
    }

    TicketFact add(Counter counter) {
        counts[counter.ordinal()]++;
        return this;
    }

    @Override
    public String sql() {
        return opened ? INSERT : UPDATE;
    }

    @Override
    public Object[] args() {
        if (clocks != null) {
            values[Column.SLA_STATE.ordinal()] = clocksWriter.apply(clocks);
        }
        if (opened) {
            Object[] args = new Object[5 + COLUMNS.length + COUNTERS.length];
            args[0] = ticketId;
            args[1] = customerEmail;
            args[2] = contactId;
            args[3] = channel;
            args[4] = createdAt;
            System.arraycopy(values, 0, args, 5, COLUMNS.length);
            for (int i = 0; i < COUNTERS.length; i++) {
                args[5 + COLUMNS.length + i] = counts[i];
            }
            return args;
        }
        Object[] args = new Object[2 * COLUMNS.length + COUNTERS.length + 1];
        for (int i = 0; i < COLUMNS.length; i++) {
            args[2 * i] = set[i];
            args[2 * i + 1] = values[i];
        }
        for (int i = 0; i < COUNTERS.length; i++) {
            args[2 * COLUMNS.length + i] = counts[i];
        }
        args[args.length - 1] = ticketId;
        return args;
    }
}
