package io.helpdesk.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The event source of the streaming processors. Axon's embedded event store learns of events committed by
 * another process only by polling (a second by default), and its streams cannot wake a pooled processor, which
 * then polls every 500 ms on top. This source reads the storage engine directly, is woken by PostgreSQL's
 * notification on every commit, and calls the processor back at once, so an event committed by command-app
 * reaches the read models within milliseconds. A slow poll remains as a safety net.
 * <p>
 * Every read model is a processor with a stream of its own, and when they are caught up they all want the same
 * new events at the same moment. Streams at the same position therefore share one read: the newest events are
 * kept in a chain ({@link SharedTail}), the first stream to need more reads them once for all, and the others
 * follow the chain, getting the same message objects (so each payload is also deserialized once). A stream
 * whose position is not on the chain (a rebuild starting from the beginning, a processor far behind) reads on
 * its own, as before, and joins the chain when its reads bring it to a position on it.
 */
public class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** Events kept for streams that follow the newest ones; a stream further behind reads on its own. */
    static final int SHARED_EVENTS = 2000;
    /** Events read from the store at a time for the shared tail. */
    static final int SHARED_READ = 1000;

    private final EventStorageEngine storageEngine;
    private final EventsAppendedListener listener;
    private final long fallbackPollNanos;
    private final SharedTail tail = new SharedTail();

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

    /** One event on the shared chain; the chain's first node has no event, only the position it starts at. */
    private static final class Node {
        final TrackedEventMessage<?> event;
        final TrackingToken token;
        final long number;
        volatile Node next;

        Node(TrackedEventMessage<?> event, TrackingToken token, long number) {
            this.event = event;
            this.token = token;
            this.number = number;
        }
    }

    /** Marks a stream that fell off the shared chain and reads on its own from its position. */
    private static final Node OFF_CHAIN = new Node(null, null, -1);

    /**
     * The newest events, read once for every stream that follows them. A notification (or the fallback poll's
     * time running out) is what makes another read worth doing; a read that finds fewer than a batch leaves
     * nothing behind it, as anything committed later is announced by a notification of its own.
     */
    private final class SharedTail {

        private final Map<TrackingToken, Node> byPosition = new HashMap<>();
        private final ArrayDeque<Node> kept = new ArrayDeque<>();
        private final AtomicLong notifications = new AtomicLong();
        private volatile Node last;
        private long readAtNotification = -1;
        private long readAt;

        void eventsAppended() {
            notifications.incrementAndGet();
        }

        /**
         * The node at this position; the chain starts there when there is none yet, or starts anew there when
         * the position is past the chain's end (every stream that followed it has moved on or gone).
         */
        synchronized Node find(TrackingToken position) {
            Node found = byPosition.get(position);
            if (found == null && (last == null || pastTheEnd(position))) {
                byPosition.clear();
                kept.clear();
                last = new Node(null, position, last == null ? 0 : last.number + 1);
                keep(last);
                found = last;
            }
            return found;
        }

        private boolean pastTheEnd(TrackingToken position) {
            return position != null && (last.token == null || position.covers(last.token));
        }

        /** The event after {@code node}, reading it for everyone when nobody has; null when there is none yet. */
        Node next(Node node) {
            if (last.number - node.number > SHARED_EVENTS) {
                // Too far behind to keep the events in between for it.
                return OFF_CHAIN;
            }
            Node next = node.next;
            if (next != null) {
                return next;
            }
            synchronized (this) {
                if (node.next != null) {
                    return node.next;
                }
                if (node != last) {
                    // The chain started anew further on.
                    return OFF_CHAIN;
                }
                long announced = notifications.get();
                if (announced == readAtNotification && System.nanoTime() - readAt < fallbackPollNanos) {
                    return null;
                }
                List<TrackedEventMessage<?>> read = new ArrayList<>();
                try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(node.token, false)) {
                    events.limit(SHARED_READ).forEach(read::add);
                }
                // A full batch may have more behind it: read again next time regardless of notifications.
                readAtNotification = read.size() < SHARED_READ ? announced : -1;
                readAt = System.nanoTime();
                Node tail = node;
                for (TrackedEventMessage<?> event : read) {
                    Node added = new Node(event, event.trackingToken(), tail.number + 1);
                    tail.next = added;
                    tail = added;
                    keep(added);
                }
                last = tail;
                return node.next;
            }
        }

        private void keep(Node node) {
            byPosition.put(node.token, node);
            kept.addLast(node);
            while (kept.size() > SHARED_EVENTS) {
                Node dropped = kept.removeFirst();
                byPosition.remove(dropped.token, dropped);
            }
        }
    }

    private final class NotifiedStream implements TrackingEventStream {

        private final Object signal = new Object();
        private final Runnable unsubscribe;
        private volatile boolean appended = true;
        private volatile Runnable onAvailable;
        private TrackingToken lastToken;
        /** The last node this stream took from the shared chain; null while it reads on its own. */
        private Node node;
        private Stream<? extends TrackedEventMessage<?>> batch;
        private Iterator<? extends TrackedEventMessage<?>> events;
        private TrackedEventMessage<?> peeked;
        private long lastEmptyRead = System.nanoTime() - fallbackPollNanos;

        private NotifiedStream(TrackingToken start) {
            this.lastToken = start;
            this.node = tail.find(start);
            this.unsubscribe = listener.subscribe(payload -> eventsAppended());
        }

        private void eventsAppended() {
            // The chain learns of it before this stream is woken, so the wake-up finds a read worth doing.
            tail.eventsAppended();
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
            if (node != null) {
                // Cleared before looking, so a commit announced meanwhile makes the next look read again.
                appended = false;
                Node next = tail.next(node);
                if (next != OFF_CHAIN) {
                    if (next != null) {
                        node = next;
                        peeked = next.event;
                    }
                    return peeked;
                }
                node = null;
            }
            if (events != null && events.hasNext()) {
                peeked = events.next();
                return peeked;
            }
            if (events != null) {
                // This stream's own read is used up: continue on the chain if that is where it now stands.
                closeBatch();
                node = tail.find(lastToken);
                if (node != null) {
                    return fetch();
                }
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
