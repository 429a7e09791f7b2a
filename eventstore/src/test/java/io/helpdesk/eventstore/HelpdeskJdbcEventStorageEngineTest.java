package io.helpdesk.eventstore;

import io.helpdesk.eventstore.testing.EventStoreDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The engine reads streamed events exactly as Axon's own engine does (payloads, timestamps and tokens with gaps),
 * and an aggregate's events with one query per range of sequence numbers it holds.
 */
class HelpdeskJdbcEventStorageEngineTest {

    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);
    private static final int MAX_GAP_OFFSET = 10_000;

    @Test
    void streams_the_same_events_and_tokens_as_axons_engine_gaps_included() throws SQLException {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        JdbcEventStorageEngine axon = EventStoreDatabase.engine(dataSource).gapTimeout((int) GAP_TIMEOUT.toMillis())
                                                         .maxGapOffset(MAX_GAP_OFFSET).build();
        HelpdeskJdbcEventStorageEngine ours = engine(EventStoreDatabase.engine(dataSource));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // An old event after a gap: the gap is past the timeout and not kept.
        skipGlobalIndexes(dataSource, 2);
        append(axon, "t-1", 0, now.minus(Duration.ofHours(2)));
        // Recent events after gaps: the gaps are kept, a commit may still fill them.
        append(axon, "t-1", 1, now.minusSeconds(1));
        skipGlobalIndexes(dataSource, 3);
        append(axon, "t-2", 0, now);
        append(axon, "t-2", 1, now);

        List<? extends TrackedEventMessage<?>> expected = axon.readEvents(null, false).toList();
        List<? extends TrackedEventMessage<?>> actual = ours.readEvents(null, false).toList();

        assertThat(actual).hasSize(4).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).trackingToken()).isEqualTo(expected.get(i).trackingToken());
            assertThat(actual.get(i).getTimestamp()).isEqualTo(expected.get(i).getTimestamp());
            assertThat(actual.get(i).getPayload()).isEqualTo(expected.get(i).getPayload());
            assertThat(actual.get(i).getIdentifier()).isEqualTo(expected.get(i).getIdentifier());
        }
        assertThat(((GapAwareTrackingToken) actual.get(0).trackingToken()).getGaps()).isEmpty();
        assertThat(((GapAwareTrackingToken) actual.get(2).trackingToken()).getGaps()).containsExactly(5L, 6L, 7L);
        // Reading on from a token with gaps keeps them, as Axon does.
        List<? extends TrackedEventMessage<?>> fromSecond = ours.readEvents(actual.get(1).trackingToken(), false)
                                                               .toList();
        assertThat(fromSecond.get(0).trackingToken())
                .isEqualTo(axon.readEvents(expected.get(1).trackingToken(), false).findFirst().orElseThrow()
                               .trackingToken());
    }

    @Test
    void a_streamed_event_carries_its_own_position_also_when_it_fills_a_gap() throws SQLException {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        HelpdeskJdbcEventStorageEngine ours = engine(EventStoreDatabase.engine(dataSource));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        append(ours, "a", 0, now);
        skipGlobalIndexes(dataSource, 1);
        ours.appendEvents(event("b", 0, now).andMetaData(MetaData.with("user", "ana")));
        long a = globalIndexOf(dataSource, "a", 0);
        long b = globalIndexOf(dataSource, "b", 0);
        List<? extends TrackedEventMessage<?>> first = ours.readEvents(null, false).toList();
        assertThat(first).extracting(HelpdeskJdbcEventStorageEngineTest::position).containsExactly(a, b);
        // The transaction that took the skipped position commits late: its event fills the gap.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO eventstore.domain_event_entry (global_index, event_identifier, "
                                      + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                                      + "payload_revision, payload, meta_data) SELECT " + (b - 1) + ", 'late', 'c', 0, type, "
                                      + "time_stamp, payload_type, payload_revision, payload, meta_data "
                                      + "FROM eventstore.domain_event_entry WHERE aggregate_identifier = 'b'");
        }
        TrackedEventMessage<?> late = ours.readEvents(first.get(1).trackingToken(), false).findFirst().orElseThrow();
        assertThat(late.getIdentifier()).isEqualTo("late");
        assertThat(late.trackingToken().position()).hasValue(b);
        assertThat(position(late)).isEqualTo(b - 1);
        assertThat(late.getMetaData()).containsEntry("user", "ana");
    }

    @Test
    void loads_an_aggregate_without_a_query_after_its_last_short_range() throws SQLException {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        AtomicInteger aggregateReads = new AtomicInteger();
        HelpdeskJdbcEventStorageEngine ours = engine(
                EventStoreDatabase.engine(dataSource).batchSize(3)
                                  .connectionProvider(() -> countingAggregateReads(dataSource.getConnection(),
                                                                                   aggregateReads)));
        Instant now = Instant.now();
        for (int sequence = 0; sequence < 7; sequence++) {
            if (sequence < 2) {
                append(ours, "short", sequence, now);
            }
            if (sequence < 3) {
                append(ours, "one-range", sequence, now);
            }
            append(ours, "long", sequence, now);
        }

        assertThat(loaded(ours, "short", 0, aggregateReads)).containsExactly("short#0", "short#1");
        assertThat(aggregateReads.get()).isEqualTo(1);
        // A full range may have more behind it; the next range, empty, tells.
        assertThat(loaded(ours, "one-range", 0, aggregateReads)).containsExactly("one-range#0", "one-range#1",
                                                                                   "one-range#2");
        assertThat(aggregateReads.get()).isEqualTo(2);
        assertThat(loaded(ours, "long", 0, aggregateReads))
                .containsExactly("long#0", "long#1", "long#2", "long#3", "long#4", "long#5", "long#6");
        assertThat(aggregateReads.get()).isEqualTo(3);
        // From a snapshot's position on, as a snapshotted aggregate loads.
        assertThat(loaded(ours, "long", 5, aggregateReads)).containsExactly("long#5", "long#6");
        assertThat(aggregateReads.get()).isEqualTo(1);
        assertThat(loaded(ours, "never-written", 0, aggregateReads)).isEmpty();
    }

    @Test
    void an_append_tells_the_appending_thread_the_positions_its_events_got() throws Exception {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        HelpdeskJdbcEventStorageEngine ours = engine(EventStoreDatabase.engine(dataSource));
        Instant now = Instant.now();
        append(ours, "before", 0, now);
        skipGlobalIndexes(dataSource, 2);

        AppendedPositions.Appended<String> appended = AppendedPositions.during(() -> {
            ours.appendEvents(event("two", 0, now), event("two", 1, now), event("other", 0, now));
            return "done";
        });

        assertThat(appended.result()).isEqualTo("done");
        // The highest of them: the batch's last event, after the two indexes an append that rolled back took.
        assertThat(appended.position()).isEqualTo(globalIndexOf(dataSource, "other", 0)).isEqualTo(6);
        assertThat(ours.readEvents("two", 0).asStream().map(event -> (Object) event.getPayload()))
                .containsExactly("two#0", "two#1");
        // Outside such a call, and for a call that appends nothing, nobody is told anything.
        append(ours, "unwatched", 0, now);
        assertThat(AppendedPositions.during(() -> "nothing").position()).isZero();
    }

    @Test
    void an_append_that_conflicts_with_a_stored_event_fails_as_axons_does_and_gives_no_position() throws Exception {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        // With Axon's resolver, as the apps have it.
        JdbcEventStorageEngine axon = EventStoreDatabase.engine(dataSource)
                                                         .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                                                         .build();
        HelpdeskJdbcEventStorageEngine ours = engine(
                EventStoreDatabase.engine(dataSource).persistenceExceptionResolver(new JdbcSQLErrorCodesResolver()));
        append(ours, "taken", 0, Instant.now());
        append(ours, "taken", 1, Instant.now());

        Throwable axons = catchThrowable(() -> axon.appendEvents(event("taken", 1, Instant.now())));
        AppendedPositions.Appended<Throwable> refused = AppendedPositions.during(
                () -> catchThrowable(() -> ours.appendEvents(event("taken", 1, Instant.now()))));

        assertThat(axons).isNotNull();
        assertThat(refused.result()).hasSameClassAs(axons).hasMessage(axons.getMessage());
        assertThat(refused.position()).isZero();
        assertThat(ours.readEvents("taken", 0).asStream().count()).isEqualTo(2);
    }

    private static HelpdeskJdbcEventStorageEngine engine(JdbcEventStorageEngine.Builder builder) {
        // Without personal data to encrypt (the events here carry none).
        return new HelpdeskJdbcEventStorageEngine(builder, NoTransactionManager.INSTANCE, GAP_TIMEOUT,
                                                  MAX_GAP_OFFSET, null);
    }

    /** A number in the metadata's JSON comes back as an Integer or a Long, as its size has it. */
    private static long position(TrackedEventMessage<?> event) {
        return ((Number) event.getMetaData().get(HelpdeskJdbcEventStorageEngine.EVENT_POSITION)).longValue();
    }

    private static long globalIndexOf(PGSimpleDataSource dataSource, String aggregate, long sequence)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT global_index FROM eventstore.domain_event_entry WHERE "
                                                      + "aggregate_identifier = '" + aggregate
                                                      + "' AND sequence_number = " + sequence)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<Object> loaded(HelpdeskJdbcEventStorageEngine engine, String aggregate, long from,
                                       AtomicInteger reads) {
        reads.set(0);
        return engine.readEvents(aggregate, from).asStream().map(event -> (Object) event.getPayload()).toList();
    }

    /** A connection that counts the statements it prepares to read an aggregate's events. */
    private static Connection countingAggregateReads(Connection connection, AtomicInteger reads) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                            && sql.contains("domain_event_entry WHERE aggregate_identifier")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void append(JdbcEventStorageEngine engine, String aggregate, long sequence, Instant at) {
        engine.appendEvents(event(aggregate, sequence, at));
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Ticket", aggregate, sequence, aggregate + "#" + sequence,
                                               MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
    }

    /** Takes global indexes and never uses them, as an append that rolled back does. */
    private static void skipGlobalIndexes(PGSimpleDataSource dataSource, int count) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                statement.execute("SELECT nextval(pg_get_serial_sequence('eventstore.domain_event_entry', "
                                          + "'global_index'))");
            }
        }
    }
}
