package io.helpdesk.command.web;

import io.helpdesk.eventstore.AppendedPositions;
import io.helpdesk.eventstore.EventStoreHead;
import org.springframework.jdbc.core.JdbcOperations;

import java.util.concurrent.Callable;

/**
 * The global position of the events one command wrote, for its {@code X-Event-Position} answer. A command is
 * handled on the calling thread (Axon's simple command bus) and its events are appended there when its unit of
 * work commits; the insert returns their positions ({@link AppendedPositions}), and the answer carries the
 * highest of them.
 * <p>
 * The position names the command's own last event rather than the store's head: a query waiting for it then
 * waits for this command's events only, not for other clients' transactions that happened to be in flight
 * below the head.
 */
public class WrittenEvents {

    private final JdbcOperations jdbc;

    public WrittenEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code command} and returns its result with the position of its last event; with the store's head
     * when it wrote no event (nothing of its own to wait for, so the newest committed state will do).
     */
    public <R> Written<R> track(Callable<R> command) throws Exception {
        AppendedPositions.Appended<R> appended = AppendedPositions.during(command);
        long position = appended.position() > 0 ? appended.position() : EventStoreHead.position(jdbc);
        return new Written<>(appended.result(), position);
    }

    public record Written<R>(R result, long position) {
    }
}
