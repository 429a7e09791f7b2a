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

/**
 * Holds one PostgreSQL connection that LISTENs for the notification the event table's trigger sends on every
 * commit of new events, and tells the subscribed event streams. Starts with the first subscriber.
 * Subscribers are also told after every (re)connect, since notifications sent while not listening are lost.
 */
public class EventsAppendedListener implements AutoCloseable {

    static final String CHANNEL = "helpdesk_events_appended";
    private static final Logger log = LoggerFactory.getLogger(EventsAppendedListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final Set<Runnable> subscribers = ConcurrentHashMap.newKeySet();
    private Thread thread;
    private volatile boolean closed;

    public EventsAppendedListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns the action that unsubscribes. */
    public Runnable subscribe(Runnable subscriber) {
        subscribers.add(subscriber);
        start();
        return () -> subscribers.remove(subscriber);
    }

    private synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new Thread(this::listen, "events-appended-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                tellSubscribers();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        tellSubscribers();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    log.warn("Listening for new events failed; streams fall back to polling until reconnected", e);
                    pause();
                }
            }
        }
    }

    private void tellSubscribers() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                log.warn("An event stream failed to take the new-events signal", e);
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
