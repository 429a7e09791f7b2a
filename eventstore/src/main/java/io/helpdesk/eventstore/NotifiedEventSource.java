package io.helpdesk.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event source of the streaming processors. Axon's embedded event store learns of events committed by
 * another process only by polling (a second by default), and its streams cannot wake a pooled processor, which
 * then polls every 500 ms on top. This source reads the storage engine directly, is woken by PostgreSQL's
 * notification on every commit, and calls the processor back at once, so an event committed by command-app
 * reaches the read models within milliseconds. A slow poll remains as a safety net.
 */
public class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storageEngine;
    private final EventsAppendedListener listener;
    private final long fallbackPollNanos;

    public NotifiedEventSource(EventStorageEngine storageEngine, EventsAppendedListener listener,
                               Duration fallbackPoll) {
        this.storageEngine = storageEngine;
        this.listener = listener;
        this.fallbackPollNanos = fallbackPoll.toNanos();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new NotifiedStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return storageEngine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storageEngine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storageEngine.createTokenAt(dateTime);
    }

    private final class NotifiedStream implements TrackingEventStream {

        private final Object signal = new Object();
        private final Runnable unsubscribe;
        private volatile boolean appended = true;
        private volatile Runnable onAvailable;
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> batch;
        private Iterator<? extends TrackedEventMessage<?>> events;
        private TrackedEventMessage<?> peeked;
        private long lastEmptyRead = System.nanoTime() - fallbackPollNanos;

        private NotifiedStream(TrackingToken start) {
            this.lastToken = start;
            this.unsubscribe = listener.subscribe(payload -> eventsAppended());
        }

        private void eventsAppended() {
            synchronized (signal) {
                appended = true;
                signal.notifyAll();
            }
            Runnable callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(fetch());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (fetch() != null) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                synchronized (signal) {
                    if (!appended) {
                        TimeUnit.NANOSECONDS.timedWait(signal, Math.min(remaining, fallbackPollNanos));
                    }
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            lastToken = next.trackingToken();
            return next;
        }

        private TrackedEventMessage<?> fetch() {
            if (peeked != null) {
                return peeked;
            }
            if (events != null && events.hasNext()) {
                peeked = events.next();
                return peeked;
            }
            if (!appended && System.nanoTime() - lastEmptyRead < fallbackPollNanos) {
                return null;
            }
            closeBatch();
            // Cleared before reading, so a commit that lands during the read triggers another one.
            appended = false;
            batch = storageEngine.readEvents(lastToken, false);
            events = batch.iterator();
            if (events.hasNext()) {
                peeked = events.next();
                return peeked;
            }
            lastEmptyRead = System.nanoTime();
            return null;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.onAvailable = callback;
            return true;
        }

        @Override
        public void close() {
            unsubscribe.run();
            onAvailable = null;
            closeBatch();
        }

        private void closeBatch() {
            if (batch != null) {
                batch.close();
                batch = null;
                events = null;
            }
        }
    }
}
