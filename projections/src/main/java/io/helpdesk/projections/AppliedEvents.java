package io.helpdesk.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each projection applies each event once, whatever delivers it again. Axon's streaming processors deliver at
 * least once: a pooled processor that claims a segment late opens its stream again further back, and a segment
 * it already works on re-applies events when a gap in its token fills meanwhile (its last token then moves back
 * to the gap's, and every later event looks new); merged segments and restored tokens do the same. A projection
 * whose writes add rows (a timeline line per event) would show them twice, and a rebuild would not.
 * <p>
 * So every projection keeps, per aggregate, the sequence number of the last event of it that it applied, in the
 * read model's own table {@code <read model>_applied}, written in the same transaction as its rows. An
 * aggregate's events reach a projection in order (one segment per aggregate, global order follows the
 * aggregate's order), so an event at or below that number has been applied and is passed over. An event that no
 * aggregate published counts as its own aggregate (its identifier, sequence 0). Kept per projection, not per
 * read model: two projections of one read model apply an event independently when one of them set it aside.
 * <p>
 * The numbers a batch needs are read in one query when its first event arrives; the batch's own are written at
 * its commit, one row per aggregate.
 */
final class AppliedEvents {

    private final BatchingJdbcTemplate jdbc;
    private final String projection;
    private final String table;
    private final String select;
    private final String upsert;
    private final String resourceKey;

    AppliedEvents(BatchingJdbcTemplate jdbc, String readModel, String projection) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.table = readModel + "_applied";
        this.select = "SELECT aggregate_id, sequence FROM readmodel." + table
                + " WHERE projection = ? AND aggregate_id = ANY (?)";
        this.upsert = "INSERT INTO readmodel." + table + " (projection, aggregate_id, sequence) VALUES (?, ?, ?) "
                + "ON CONFLICT (projection, aggregate_id) DO UPDATE "
                + "SET sequence = GREATEST(readmodel." + table + ".sequence, excluded.sequence)";
        this.resourceKey = AppliedEvents.class.getName() + "." + readModel + "." + projection + "."
                + System.identityHashCode(this);
    }

    /** Which aggregate an event belongs to for this purpose, and where in it. */
    record Place(String aggregate, long sequence) {

        static Place of(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                return new Place(domain.getAggregateIdentifier(), domain.getSequenceNumber());
            }
            return new Place(event.getIdentifier(), 0);
        }
    }

    /** What the current unit of work knows: the numbers stored before it, and those of the events it applied. */
    private static final class Batch {
        final Map<String, Long> stored = new HashMap<>();
        final Map<String, Long> applied = new HashMap<>();
    }

    /** Whether this projection applied the event before (in an earlier transaction or earlier in this one). */
    boolean applied(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Place place = Place.of(event);
        Batch batch = batch();
        Long last = batch.applied.get(place.aggregate());
        if (last == null) {
            last = batch.stored.get(place.aggregate());
        }
        return last != null && last >= place.sequence();
    }

    /** The event is applied: remembered for the rest of the batch and written with it. */
    void record(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Place place = Place.of(event);
        batch().applied.merge(place.aggregate(), place.sequence(), Math::max);
        // The row of this projection: another projection of the read model has one of its own.
        Mark mark = jdbc.change(new BatchingJdbcTemplate.Row(table, List.of(projection, place.aggregate())),
                                row -> new Mark(place.aggregate()));
        mark.sequence = Math.max(mark.sequence, place.sequence());
    }

    /** A reset starts the projection over: it has applied nothing. */
    void forget() {
        jdbc.update("DELETE FROM readmodel." + table + " WHERE projection = ?", projection);
    }

    /**
     * The row of one aggregate, with the highest sequence the batch applied. A change that is not sent (the
     * event rolled back on its own) is dropped with the event's other writes.
     */
    private final class Mark implements BatchingJdbcTemplate.RowChange {
        final String aggregate;
        long sequence = -1;

        Mark(String aggregate) {
            this.aggregate = aggregate;
        }

        @Override
        public String sql() {
            return upsert;
        }

        @Override
        public Object[] args() {
            return new Object[]{projection, aggregate, sequence};
        }
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            Batch batch = new Batch();
            Set<String> aggregates = new LinkedHashSet<>();
            List<? extends Message<?>> messages = root instanceof BatchingUnitOfWork<?> batching
                    ? batching.getMessages() : List.of(root.getMessage());
            for (Message<?> message : messages) {
                if (message instanceof EventMessage<?> event) {
                    aggregates.add(Place.of(event).aggregate());
                }
            }
            // Nothing this batch has queued writes these rows: no need to send the queue first.
            jdbc.queryUnsent(select, (row, index) -> batch.stored.put(row.getString(1), row.getLong(2)),
                             projection, aggregates.toArray(String[]::new));
            return batch;
        });
    }
}
