package io.helpdesk.domain.sla;

/** The three promises a support team makes on every ticket. */
public enum SlaTarget {
    /** From the customer's first message to the first agent reply. */
    FIRST_RESPONSE,
    /** From a customer message that follows an agent reply to the next agent reply. */
    NEXT_RESPONSE,
    /** From opening to resolution. */
    RESOLUTION
}
