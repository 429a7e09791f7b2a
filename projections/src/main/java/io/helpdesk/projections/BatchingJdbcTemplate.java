package io.helpdesk.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The projections' JdbcTemplate. Inside an event processor's unit of work (one batch of events, one
 * transaction) {@code update(sql, args)} statements are queued and sent at prepare-commit as JDBC batches, one
 * round trip per run of equal statements instead of one per event: replays and catch-ups are bound by round
 * trips otherwise. Anything else the template runs (a query, another kind of update) first sends what is
 * queued, so a handler that reads sees every write before it. Outside a unit of work it is a plain template.
 */
public class BatchingJdbcTemplate extends JdbcTemplate {

    private static final String QUEUE = BatchingJdbcTemplate.class.getName() + ".queue";

    private record Pending(String sql, Object[] args) {
    }

    public BatchingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public int update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            return super.update(sql, args);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Pending> queue = root.getOrComputeResource(QUEUE, key -> {
            root.onPrepareCommit(unitOfWork -> flush(root));
            return new ArrayList<Pending>();
        });
        queue.add(new Pending(sql, args));
        // Queued: the number of rows changed is not known yet. No projection reads it.
        return 1;
    }

    /** Sends the queued statements: consecutive equal statements go as one batch, in their order. */
    private void flush(UnitOfWork<?> unitOfWork) {
        List<Pending> queue = unitOfWork.getResource(QUEUE);
        if (queue == null || queue.isEmpty()) {
            return;
        }
        List<Pending> sending = new ArrayList<>(queue);
        queue.clear();
        int start = 0;
        while (start < sending.size()) {
            String sql = sending.get(start).sql();
            int end = start;
            List<Object[]> args = new ArrayList<>();
            while (end < sending.size() && sending.get(end).sql().equals(sql)) {
                args.add(sending.get(end).args());
                end++;
            }
            if (args.size() == 1) {
                super.update(sql, args.get(0));
            } else {
                super.batchUpdate(sql, args);
            }
            start = end;
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
