package io.helpdesk.eventstore;

import io.helpdesk.eventstore.personal.PersonalData;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SerializedObject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, reading each event's timestamp with {@link StoredTimestamps} once, when the row
 * is read, instead of with a {@code DateTimeFormatter} whenever it is asked for: Axon's own row reader parses
 * it for every event streamed (to decide whether a gap before it is still worth waiting for), which was the
 * largest single cost of reading events in a replay. It also loads an aggregate in one query where Axon's takes
 * two (below), and its append returns the events' global positions ({@link AppendedPositions}).
 */
public class HelpdeskJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** The metadata key of a streamed event's own global position. */
    public static final String EVENT_POSITION = "eventPosition";

    /** Axon's default: the first global index a gap can start at. */
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;

    private final TransactionManager transactionManager;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private io.micrometer.core.instrument.Timer appends;
    private io.micrometer.core.instrument.Counter appended;

    public HelpdeskJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager, Duration gapTimeout,
                                          int maxGapOffset, PersonalData personal) {
        super(builder.transactionManager(transactionManager)
                     .appendEvents((connection, schema, dataType, events, serializer, timestampWriter) ->
                                           appendStatement(connection, schema, dataType, events, serializer,
                                                           timestampWriter, personal))
                     .gapTimeout((int) gapTimeout.toMillis())
                     .maxGapOffset(maxGapOffset)
                     .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE));
        this.transactionManager = transactionManager;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    /**
     * {@code helpdesk.events.append}: how long each append's insert takes (one per command or batch, inside its
     * transaction, before the commit); {@code helpdesk.events.appended}: the events written.
     */
    public void meters(io.micrometer.core.instrument.MeterRegistry registry) {
        appends = io.micrometer.core.instrument.Timer.builder("helpdesk.events.append")
                                                    .description("Appends of events to the store (the insert)")
                                                    .register(registry);
        appended = io.micrometer.core.instrument.Counter.builder("helpdesk.events.appended")
                                                        .description("Events written to the store")
                                                        .register(registry);
    }

    /**
     * Axon's append (4.12), which also reads the global position the insert gave each event and tells
     * {@link AppendedPositions}: command-app looked each command's last event up again after the commit, a
     * statement and a transaction of its own per command.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            long started = System.nanoTime();
            Connection connection = getConnection();
            try (PreparedStatement insert = appendEvents(connection, events, serializer)) {
                insert.executeBatch();
                try (ResultSet positions = insert.getGeneratedKeys()) {
                    while (positions.next()) {
                        AppendedPositions.appended(positions.getLong(1));
                    }
                }
                if (appends != null) {
                    appends.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                    appended.increment(events.size());
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /**
     * Axon's insert of a batch of events, asking for the global position of each, with the personal data in each
     * payload encrypted under its subject's key ({@link PersonalData}) in the same transaction.
     */
    private static PreparedStatement appendStatement(Connection connection, EventSchema schema, Class<?> dataType,
                                                     List<? extends EventMessage<?>> events, Serializer serializer,
                                                     TimestampWriter timestampWriter, PersonalData personal)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                        + "VALUES (?,?,?,?,?,?,?,?,?)", new String[] {schema.globalIndexColumn()});
        for (EventMessage<?> message : events) {
            // As Axon stores an event published outside an aggregate: its own identifier as the aggregate's.
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message,
                                                      message::getTimestamp);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData() instanceof byte[] bytes && personal != null
                    ? personal.seal(payload.getType().getName(), event.getAggregateIdentifier(), bytes, connection)
                    : payload.getData());
            statement.setObject(9, metaData.getData());
            statement.addBatch();
        }
        return statement;
    }

    /**
     * Axon's JDBC engine reads an aggregate in ranges of {@code batchSize} sequence numbers and, to be safe with
     * stores whose sequences have holes, until a range comes back empty: every command that loads an aggregate
     * paid a second query that finds nothing. Here an aggregate's sequence numbers have no holes (Axon appends
     * each at the previous one plus one, a failed append leaves none, and this store never deletes an event),
     * so a range with fewer events than {@code batchSize} holds the aggregate's last one.
     */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /**
     * Axon's reading of a streamed row (4.12), with the timestamp parsed once: the event's token is the previous
     * one advanced to this row's index, remembering the skipped indexes as gaps unless the event is older than
     * the gap timeout (a gap that old belongs to an append that will never commit).
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String storedTimestamp = resultSet.getString(schema.timestampColumn());
        Instant timestamp = StoredTimestamps.parse(storedTimestamp);
        GenericDomainEventEntry<?> row = new GenericDomainEventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier, storedTimestamp,
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                withPosition(readPayload(resultSet, schema.metaDataColumn()), globalSequence));
        boolean keepGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    keepGaps ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                                         .boxed().collect(Collectors.toCollection(TreeSet::new))
                             : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, keepGaps ? maxGapOffset : 0);
        }
        return new TrackedRow<>(token, row, timestamp);
    }

    /**
     * A streamed event's metadata carries its own global position ({@value #EVENT_POSITION}), read from its row.
     * Its tracking token cannot say it: an event that fills a gap (an earlier transaction committing late) gets
     * the token of the highest position seen so far, another event's. Not stored: added as the row is read.
     */
    private static Object withPosition(Object metaData, long position) {
        String field = "\"" + EVENT_POSITION + "\":" + position;
        if (metaData == null) {
            return ("{" + field + "}").getBytes(StandardCharsets.UTF_8);
        }
        if (!(metaData instanceof byte[] json)) {
            return metaData;
        }
        int open = 0;
        while (open < json.length && json[open] != '{') {
            open++;
        }
        if (open == json.length) {
            return metaData;
        }
        int next = open + 1;
        while (next < json.length && Character.isWhitespace(json[next])) {
            next++;
        }
        boolean empty = next < json.length && json[next] == '}';
        byte[] inserted = (field + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[json.length + inserted.length];
        System.arraycopy(json, 0, result, 0, open + 1);
        System.arraycopy(inserted, 0, result, open + 1, inserted.length);
        System.arraycopy(json, open + 1, result, open + 1 + inserted.length, json.length - open - 1);
        return result;
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        return new Row<>(super.getDomainEventData(resultSet), timestamp(resultSet));
    }

    private Instant timestamp(ResultSet resultSet) throws SQLException {
        return StoredTimestamps.parse(resultSet.getString(schema().timestampColumn()));
    }

    /** A stored event with its timestamp already read. */
    private static class Row<T> implements DomainEventData<T> {

        private final DomainEventData<T> row;
        private final Instant timestamp;

        Row(DomainEventData<T> row, Instant timestamp) {
            this.row = row;
            this.timestamp = timestamp;
        }

        @Override
        public String getType() {
            return row.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return row.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return row.getSequenceNumber();
        }

        @Override
        public String getEventIdentifier() {
            return row.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return row.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return row.getPayload();
        }
    }

    private static final class TrackedRow<T> extends Row<T> implements TrackedEventData<T> {

        private final TrackingToken token;

        TrackedRow(TrackingToken token, DomainEventData<T> row, Instant timestamp) {
            super(row, timestamp);
            this.token = token;
        }

        @Override
        public TrackingToken trackingToken() {
            return token;
        }
    }
}
