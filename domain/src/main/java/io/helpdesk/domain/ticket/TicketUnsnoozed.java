package io.helpdesk.domain.ticket;

/** The snoozed ticket is back in the inbox views, and why. */
public record TicketUnsnoozed(String ticketId, Wake reason, String actor) implements TicketEvent {

    public enum Wake {
        /** The snooze's time came. */
        TIME,
        /** The customer wrote. */
        CUSTOMER_MESSAGE,
        /** Someone brought it back by hand. */
        BY_HAND,
        /** The ticket was closed. */
        CLOSED
    }
}
