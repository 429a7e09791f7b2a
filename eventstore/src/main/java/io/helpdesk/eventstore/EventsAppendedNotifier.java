package io.helpdesk.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Tells listening processors (NotifiedEventSource, in any instance) that events were committed: a
 * {@code NOTIFY} sent after the writing transaction committed, from a connection of its own. Commits that
 * arrive while one is being sent are announced together by the next, so under load it costs one small
 * statement per round trip, not one per command, and it never holds PostgreSQL's notification lock across a
 * command's commit.
 */
public class EventsAppendedNotifier implements MessageDispatchInterceptor<EventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventsAppendedNotifier.class);
    private static final String REGISTERED = EventsAppendedNotifier.class.getName() + ".registered";

    private final DataSource dataSource;
    private final String channel;
    private final Object lock = new Object();
    private final Thread sender;
    private boolean pending;
    private volatile boolean running = true;

    public EventsAppendedNotifier(DataSource dataSource, String channel) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.sender = new Thread(this::send, "notify-" + channel);
        sender.setDaemon(true);
        sender.start();
    }

    /** Events published in a unit of work are announced after it commits; others right away. */
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            // Once per unit of work, however many times it publishes.
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(REGISTERED, key -> {
                root.afterCommit(unitOfWork -> committed());
                return Boolean.TRUE;
            });
        } else {
            committed();
        }
        return (index, message) -> message;
    }

    public void committed() {
        synchronized (lock) {
            pending = true;
            lock.notifyAll();
        }
    }

    private void send() {
        while (running) {
            try {
                synchronized (lock) {
                    while (!pending && running) {
                        lock.wait();
                    }
                    pending = false;
                }
                if (!running) {
                    return;
                }
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    statement.execute("SELECT pg_notify('" + channel + "', '')");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // Listeners fall back to polling; the next commit tries again.
                log.warn("Announcing appended events on {} failed", channel, e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        sender.interrupt();
    }
}
