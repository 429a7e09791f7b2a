package io.helpdesk.eventstore;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Holds one PostgreSQL connection that LISTENs on a notification channel and hands each notification's
 * payload to the subscribers. Starts with the first subscriber. After every (re)connect subscribers get an
 * empty payload, since notifications sent while not listening are lost and they may need to catch up. Used for
 * the event table's commit trigger (waking event streams) and for read-model changes (live updates).
 */
public class EventsAppendedListener implements AutoCloseable {

    public static final String EVENTS_APPENDED = "helpdesk_events_appended";
    private static final Logger log = LoggerFactory.getLogger(EventsAppendedListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final String channel;
    private final Set<Consumer<String>> subscribers = ConcurrentHashMap.newKeySet();
    private Thread thread;
    private volatile boolean closed;

    public EventsAppendedListener(DataSource dataSource, String channel) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("notification channel names are lower-case words: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
    }

    /** Returns the action that unsubscribes. */
    public Runnable subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
        start();
        return () -> subscribers.remove(subscriber);
    }

    private synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new Thread(this::listen, "listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                tellSubscribers("");
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            tellSubscribers(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("Listening on {} failed; reconnecting", channel, e);
                    pause();
                }
            }
        }
    }

    private void tellSubscribers(String payload) {
        for (Consumer<String> subscriber : subscribers) {
            try {
                subscriber.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A subscriber of {} failed to take a notification", channel, e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
