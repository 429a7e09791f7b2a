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
 * Anything else the template runs (a query, another kind of update) first sends what is queued, so a handler
 * that reads sees every write before it. Outside a unit of work it is a plain template.
 */
public class BatchingJdbcTemplate extends JdbcTemplate {

    private static final String QUEUE = BatchingJdbcTemplate.class.getName() + ".queue";

    /** The one row a statement writes: its table and its key (a primary key, or what identifies the row). */
    public record Row(String table, Object key) {
    }

    /** A queued write; {@code row} is null for a plain update, which the others may not pass. */
    private record Pending(Row row, String sql, Object[] args) {
    }

    public BatchingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public int update(String sql, Object... args) {
        return queue(null, sql, args);
    }

    /** Writes {@code row}; within a unit of work the statement may be sent before earlier ones on other rows. */
    public int updateRow(Row row, String sql, Object... args) {
        return queue(row, sql, args);
    }

    private int queue(Row row, String sql, Object[] args) {
        if (!CurrentUnitOfWork.isStarted()) {
            return super.update(sql, args);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Pending> queue = root.getOrComputeResource(QUEUE, key -> {
            root.onPrepareCommit(unitOfWork -> flush(root));
            return new ArrayList<Pending>();
        });
        queue.add(new Pending(row, sql, args));
        // Queued: the number of rows changed is not known yet. No projection reads it.
        return 1;
    }

    private void flush(UnitOfWork<?> unitOfWork) {
        List<Pending> queue = unitOfWork.getResource(QUEUE);
        if (queue == null || queue.isEmpty()) {
            return;
        }
        List<Pending> sending = new ArrayList<>(queue);
        queue.clear();
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
