package io.helpdesk.command.delivery;

/** How a delivery attempt can end other than with the provider taking the reply. */
final class DeliveryFailures {

    private DeliveryFailures() {
    }

    /**
     * The provider refused the reply for good (an address that does not exist, a message it will never take):
     * recorded on the ticket as {@code ReplyDeliveryFailed}, never retried.
     */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The provider could not be reached or kept failing through every retry (or its circuit breaker is open):
     * the reply is set aside in the dead letters of {@code deliveries}, where an ADMIN retries it once the
     * provider is back. It carries no cause on purpose: a connection failure in its causes would make the
     * processor take it for a database outage and hold every later delivery back.
     */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The innermost message of a failure, for a reason a person can read. */
    static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }
}
