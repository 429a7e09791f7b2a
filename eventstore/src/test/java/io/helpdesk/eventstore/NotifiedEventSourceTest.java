package io.helpdesk.eventstore;

import io.helpdesk.eventstore.testing.EventStoreDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        JdbcEventStorageEngine engine = EventStoreDatabase.engine(dataSource).build();
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

    @Test
    void streams_at_the_same_position_share_one_read_and_the_same_messages() throws Exception {
        PGSimpleDataSource dataSource = EventStoreDatabase.create();
        JdbcEventStorageEngine engine = EventStoreDatabase.engine(dataSource).build();
        AtomicInteger reads = new AtomicInteger();
        EventStorageEngine counting = (EventStorageEngine) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{EventStorageEngine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("readEvents") && args.length == 2) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (EventsAppendedListener listener = new EventsAppendedListener(dataSource,
                                                                          EventsAppendedListener.EVENTS_APPENDED);
             EventsAppendedNotifier writer = new EventsAppendedNotifier(dataSource,
                                                                        EventsAppendedListener.EVENTS_APPENDED)) {
            NotifiedEventSource source = new NotifiedEventSource(counting, listener, Duration.ofMinutes(1));
            for (int i = 0; i < 3; i++) {
                engine.appendEvents(new GenericDomainEventMessage<>("Ticket", "t-1", i, "event-" + i, Map.of()));
            }
            TrackingEventStream first = source.openStream(null);
            TrackingEventStream second = source.openStream(null);
            AtomicInteger wakeUps = new AtomicInteger();
            first.setOnAvailableCallback(wakeUps::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() >= 1);

            List<Object> firstPayloads = drain(first, 3);
            int readsForThree = reads.get();
            List<Object> secondPayloads = drain(second, 3);
            assertThat(reads.get()).isEqualTo(readsForThree).isLessThanOrEqualTo(2);
            assertThat(firstPayloads).containsExactly("event-0", "event-1", "event-2");
            for (int i = 0; i < 3; i++) {
                assertThat(secondPayloads.get(i)).isSameAs(firstPayloads.get(i));
            }
            assertThat(first.hasNextAvailable()).isFalse();
            assertThat(second.hasNextAvailable()).isFalse();
            assertThat(reads.get()).isEqualTo(readsForThree);

            int before = wakeUps.get();
            engine.appendEvents(new GenericDomainEventMessage<>("Ticket", "t-1", 3, "event-3", Map.of()));
            writer.committed();
            await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() > before);
            Object fourth = drain(first, 1).get(0);
            assertThat(drain(second, 1).get(0)).isEqualTo("event-3").isSameAs(fourth);
            assertThat(reads.get()).isEqualTo(readsForThree + 1);

            // A stream opened later at a position the chain still keeps follows it without reading.
            TrackingEventStream replay = source.openStream(null);
            assertThat(drain(replay, 4)).containsExactly("event-0", "event-1", "event-2", "event-3");
            assertThat(reads.get()).isEqualTo(readsForThree + 1);
            first.close();
            second.close();
            replay.close();
        }
    }

    private static List<Object> drain(TrackingEventStream stream, int count) throws InterruptedException {
        List<Object> payloads = new ArrayList<>();
        while (payloads.size() < count) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            payloads.add(stream.nextAvailable().getPayload());
        }
        return payloads;
    }
}
