package io.helpdesk.eventstore.deadletters;

import org.axonframework.eventhandling.EventMessage;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events of batches that failed in this process. A processor applies a batch's events together and writes
 * them in one transaction, so one event that the database refuses fails the whole batch, and the error does not
 * say which event it was. The retry applies each suspect on its own ({@link IsolatedFailure}), so that only the
 * event that fails again is dead-lettered, and its neighbours are applied.
 */
public final class SuspectEvents {

    /** More suspects than this are forgotten rather than kept: a retry then fails its batch once more. */
    private static final int LIMIT = 100_000;

    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

    private SuspectEvents() {
    }

    public static void suspect(Collection<? extends EventMessage<?>> events) {
        if (IDS.size() + events.size() > LIMIT) {
            IDS.clear();
        }
        events.forEach(event -> IDS.add(event.getIdentifier()));
    }

    public static boolean isSuspect(EventMessage<?> event) {
        return !IDS.isEmpty() && IDS.contains(event.getIdentifier());
    }

    /** Applied (or dead-lettered) on its own and committed: no longer a suspect. */
    public static void cleared(EventMessage<?> event) {
        IDS.remove(event.getIdentifier());
    }
}
