package io.helpdesk.eventstore;

import java.util.concurrent.Callable;

/**
 * The global positions the event store gives the events it appends, for a caller on the appending thread that
 * wants to know where its events landed: command-app answers each command with its last event's position. The
 * insert itself returns them, so nothing has to look them up after the commit.
 */
public final class AppendedPositions {

    private static final ThreadLocal<long[]> HIGHEST = new ThreadLocal<>();

    private AppendedPositions() {
    }

    /** Runs {@code work} and returns its result with the highest position appended on this thread meanwhile. */
    public static <R> Appended<R> during(Callable<R> work) throws Exception {
        long[] outer = HIGHEST.get();
        long[] highest = {0};
        HIGHEST.set(highest);
        try {
            return new Appended<>(work.call(), highest[0]);
        } finally {
            if (outer == null) {
                HIGHEST.remove();
            } else {
                outer[0] = Math.max(outer[0], highest[0]);
                HIGHEST.set(outer);
            }
        }
    }

    static void appended(long position) {
        long[] highest = HIGHEST.get();
        if (highest != null && position > highest[0]) {
            highest[0] = position;
        }
    }

    /** A result and the highest position appended while it was made: 0 when nothing was appended. */
    public record Appended<R>(R result, long position) {
    }
}
