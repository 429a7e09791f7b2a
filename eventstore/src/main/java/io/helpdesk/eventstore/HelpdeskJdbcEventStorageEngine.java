package io.helpdesk.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Axon's JDBC storage engine, reading each event's timestamp with {@link StoredTimestamps} once, when the row
 * is read, instead of with a {@code DateTimeFormatter} whenever it is asked for.
 */
public class HelpdeskJdbcEventStorageEngine extends JdbcEventStorageEngine {

    public HelpdeskJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        if (!(data instanceof DomainEventData<?> domain)) {
            return data;
        }
        return new TrackedRow<>(data.trackingToken(), domain, timestamp(resultSet));
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
