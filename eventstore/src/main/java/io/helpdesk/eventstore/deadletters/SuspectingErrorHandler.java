package io.helpdesk.eventstore.deadletters;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed batch rolls back with its token and is retried, as with Axon's propagating handler; its events
 * become suspects, so that the retry applies each on its own and dead-letters only the one that fails. One log
 * line per failed batch: the processor's status shows the error too.
 */
public class SuspectingErrorHandler implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SuspectingErrorHandler.class);

    private final ProcessorFailures failures;

    public SuspectingErrorHandler(ProcessorFailures failures) {
        this.failures = failures;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        boolean isTransient = TransientFailures.isTransient(error);
        if (!isTransient) {
            SuspectEvents.suspect(context.failedEvents());
        }
        failures.failed(context.eventProcessor(), context.failedEvents(), error, isTransient);
        log.warn("Processor {}: a batch of {} events failed and is retried{}: {}", context.eventProcessor(),
                 context.failedEvents().size(), isTransient ? "" : " event by event", rootMessage(error));
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw (Error) error;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
