package io.helpdesk.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The projections' JdbcTemplate. Inside an event processor's unit of work (one batch of events, one
 * transaction) writes are queued and sent at prepare-commit as JDBC batches, one round trip per group of equal
 * statements instead of one per event: replays and catch-ups are bound by round trips otherwise.
 * <p>
 * {@code update(sql, args)} keeps its place: everything queued before it is sent before it, everything after
 * it after it. {@link #updateRow} names the one row a statement writes; statements on different rows between
 * two plain updates may then be sent in another order, so that a ticket's insert and its four updates, repeated
 * for a hundred tickets, go as five batches rather than five hundred single statements. Statements on the same
 * row always run in the order they were queued.
 * <p>
 * {@link #change} goes one step further for a row that several events of a batch write: they build one
 * {@link RowChange} together, sent as one statement (a ticket's five events in a batch, one insert).
 * <p>
 * Anything else the template runs (a query, another kind of update) first sends what is queued, so a handler
 * that reads sees every write before it. Outside a unit of work it is a plain template.
 */
public class BatchingJdbcTemplate extends JdbcTemplate {

    private static final String QUEUE = BatchingJdbcTemplate.class.getName() + ".queue";

    /** The one row a statement writes: its table and its key (a primary key, or what identifies the row). */
    public record Row(String table, Object key) {
    }

    /**
     * A write of one row that the events of a unit of work build up; its statement and arguments are taken
     * when it is sent.
     */
    public interface RowChange {

        String sql();

        Object[] args();
    }

    /**
     * A queued write; {@code row} is null for a plain update, which the others may not pass. A row change's
     * statement is taken from {@code change} when it is sent.
     */
    private record Pending(Row row, String sql, Object[] args, RowChange change) {

        Pending sendable(BatchingJdbcTemplate template) {
            return change == null ? this : new Pending(row, template.statement(change.sql()), change.args(), null);
        }
    }

    /** The queue of one unit of work, and the row changes in it that later events may still add to. */
    private static final class Queue {
        final List<Pending> writes = new ArrayList<>();
        final Map<Row, RowChange> open = new HashMap<>();
    }

    /**
     * A query that does not send the queued writes first (every other statement does): for reading a column
     * that no write of this unit of work has changed. Sending the queue before each such read cut a replay's
     * batches to a few rows each (the analytics rebuild ran at a third of its speed).
     */
    public <T> List<T> queryUnsent(String sql, org.springframework.jdbc.core.RowMapper<T> mapper, Object... args) {
        return unsent.query(statement(sql), mapper, args);
    }

    /** Whether projections writing through this template apply events now; a rebuild twin's only while it rebuilds. */
    public boolean acceptsEvents() {
        return true;
    }

    private final JdbcTemplate unsent;

    public BatchingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
        // The same data source, so the same transaction's connection; a plain template sends nothing first.
        this.unsent = new JdbcTemplate(dataSource);
    }

    @Override
    public int update(String sql, Object... args) {
        return queue(null, sql, args);
    }

    /** Writes {@code row}; within a unit of work the statement may be sent before earlier ones on other rows. */
    public int updateRow(Row row, String sql, Object... args) {
        return queue(row, sql, args);
    }

    /**
     * The change of {@code row} that this unit of work's events build: the first call queues the one
     * {@code start} makes, later calls get that same object until the queue is sent (at commit, or before a
     * query), a plain update is queued or an {@link #updateRow} of the same row; then the next call starts a new
     * one. Like {@link #updateRow}, it may be sent before earlier writes of other rows. Only within a unit of
     * work, which is where Axon runs event handlers.
     */
    @SuppressWarnings("unchecked")
    public <T extends RowChange> T change(Row row, Function<Row, T> start) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("row changes are built within a unit of work");
        }
        Queue queue = queue();
        RowChange change = queue.open.get(row);
        if (change == null) {
            change = start.apply(row);
            queue.open.put(row, change);
            queue.writes.add(new Pending(row, null, null, change));
        }
        return (T) change;
    }

    /** The change of {@code row} this unit of work is building, or null when there is none (also outside one). */
    @SuppressWarnings("unchecked")
    public <T extends RowChange> T openChange(Row row) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Queue queue = CurrentUnitOfWork.get().root().getResource(QUEUE);
        return queue == null ? null : (T) queue.open.get(row);
    }

    /** The statement a row change's SQL runs as; a template that writes elsewhere rewrites it here. */
    protected String statement(String sql) {
        return sql;
    }

    private Queue queue() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(QUEUE, key -> {
            root.onPrepareCommit(unitOfWork -> flush(root));
            return new Queue();
        });
    }

    private int queue(Row row, String sql, Object[] args) {
        if (!CurrentUnitOfWork.isStarted()) {
            return super.update(sql, args);
        }
        Queue queue = queue();
        if (row == null) {
            // Whatever a plain update does to a row comes after the changes built so far.
            queue.open.clear();
        } else if (!queue.open.isEmpty()) {
            // And a statement on a row comes after that row's change so far.
            queue.open.remove(row);
        }
        queue.writes.add(new Pending(row, sql, args, null));
        // Queued: the number of rows changed is not known yet. No projection reads it.
        return 1;
    }

    private void flush(UnitOfWork<?> unitOfWork) {
        Queue queue = unitOfWork.getResource(QUEUE);
        if (queue == null || queue.writes.isEmpty()) {
            return;
        }
        List<Pending> sending = new ArrayList<>(queue.writes.size());
        for (Pending write : queue.writes) {
            sending.add(write.sendable(this));
        }
        queue.writes.clear();
        queue.open.clear();
        int start = 0;
        while (start < sending.size()) {
            int end = start + 1;
            if (sending.get(start).row() == null) {
                while (end < sending.size() && sending.get(end).row() == null
                        && sending.get(end).sql().equals(sending.get(start).sql())) {
                    end++;
                }
                send(sending.get(start).sql(), sending.subList(start, end).stream().map(Pending::args).toList());
            } else {
                while (end < sending.size() && sending.get(end).row() != null) {
                    end++;
                }
                sendRowWrites(sending.subList(start, end));
            }
            start = end;
        }
    }

    /**
     * Sends a run of row writes in rounds: round n holds each row's n-th statement, so a row's statements keep
     * their order, and within a round (one statement per row) equal statements go as one batch.
     */
    private void sendRowWrites(List<Pending> writes) {
        Map<Row, Integer> seen = new HashMap<>();
        List<Map<String, List<Object[]>>> rounds = new ArrayList<>();
        for (Pending write : writes) {
            int round = seen.merge(write.row(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.args());
        }
        rounds.forEach(round -> round.forEach(this::send));
    }

    private void send(String sql, List<Object[]> args) {
        if (args.size() == 1) {
            super.update(sql, args.get(0));
        } else {
            super.batchUpdate(sql, args);
        }
    }

    /** Sends what this unit of work has queued so far, now. */
    public void sendQueued() {
        flushPending();
    }

    /** Forgets what this unit of work has queued and not sent (the writes of an event that failed). */
    public void dropQueued() {
        if (CurrentUnitOfWork.isStarted()) {
            Queue queue = CurrentUnitOfWork.get().root().getResource(QUEUE);
            if (queue != null) {
                queue.writes.clear();
                queue.open.clear();
            }
        }
    }

    private void flushPending() {
        if (CurrentUnitOfWork.isStarted()) {
            flush(CurrentUnitOfWork.get().root());
        }
    }

    /**
     * Every statement this template creates passes here before it runs (queries too, whichever way they are
     * called), so the queued writes go first. The flush's own statements find the queue already taken.
     */
    @Override
    protected void applyStatementSettings(Statement statement) throws SQLException {
        flushPending();
        super.applyStatementSettings(statement);
    }
}
