package io.helpdesk.eventstore;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event committed on another connection and announced by its writer (as command-app's notifier does after
 * each commit) wakes an open stream through PostgreSQL's notification, long before its fallback poll (set to a
 * minute here) would have found it.
 */
class NotifiedEventSourceTest {

    @Test
    void a_commit_elsewhere_wakes_the_stream_at_once() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();

        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                                                              .connectionProvider(dataSource::getConnection)
                                                              .transactionManager(NoTransactionManager.INSTANCE)
                                                              .eventSerializer(serializer)
                                                              .snapshotSerializer(serializer)
                                                              .schema(new EventStoreAutoConfiguration().eventSchema())
                                                              .build();
        try (EventsAppendedListener listener = new EventsAppendedListener(dataSource,
                                                                          EventsAppendedListener.EVENTS_APPENDED);
             EventsAppendedNotifier writer = new EventsAppendedNotifier(dataSource,
                                                                        EventsAppendedListener.EVENTS_APPENDED)) {
            NotifiedEventSource source = new NotifiedEventSource(engine, listener, Duration.ofMinutes(1));
            TrackingEventStream stream = source.openStream(null);
            AtomicInteger wakeUps = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(wakeUps::incrementAndGet)).isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();
            // The listener's first connect also wakes subscribers (to catch up on anything missed).
            await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() >= 1);
            int before = wakeUps.get();

            engine.appendEvents(new GenericDomainEventMessage<>("Ticket", "t-1", 0, "opened", Map.of()));
            writer.committed();

            await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() > before);
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            TrackedEventMessage<?> event = stream.nextAvailable();
            assertThat(event.getPayload()).isEqualTo("opened");
            assertThat(stream.hasNextAvailable()).isFalse();
            stream.close();
        }
    }
}
