package io.helpdesk.eventstore.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * When an event is set aside. A transient failure (the database away) never sets one aside: the batch fails
 * and is retried. For processors that write to the database in batches ({@code isolate}), only an event that
 * failed on its own ({@link IsolatedFailure}) is set aside; any other failure fails the batch, whose events are
 * then retried one by one. A dead letter that an administrator retries and that fails again stays queued with
 * the new cause.
 */
public class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    private final boolean isolate;

    public DeadLetterPolicy(boolean isolate) {
        this.isolate = isolate;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        // A letter read back from the queue (an administrator's retry) rather than one made of a failing event.
        boolean retryingDeadLetter = letter instanceof JdbcDeadLetter<?>;
        Throwable reason = cause instanceof IsolatedFailure && cause.getCause() != null ? cause.getCause() : cause;
        if (retryingDeadLetter) {
            return Decisions.requeue(storable(reason));
        }
        if (TransientFailures.isTransient(reason) || isolate && !(cause instanceof IsolatedFailure)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(storable(reason));
    }

    /** The cause as the queue keeps it: its type and message, without characters PostgreSQL text refuses. */
    static ThrowableCause storable(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().replace('\0', ' ');
        if (message.length() > 2000) {
            message = message.substring(0, 2000) + "...";
        }
        return new ThrowableCause(cause.getClass().getName(), message);
    }
}
