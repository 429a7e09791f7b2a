package io.helpdesk.eventstore.deadletters;

/**
 * An event that failed when it was applied on its own, with everything it wrote rolled back (to a savepoint):
 * the dead-letter policy may set it aside and let the batch commit without it.
 */
public class IsolatedFailure extends RuntimeException {

    public IsolatedFailure(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
