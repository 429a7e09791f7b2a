package io.helpdesk.domain.ticket;

public enum DraftKind {
    /** A reply a bot proposed. */
    BOT_REPLY,
    /** A nudge for a customer who has not answered for a while. */
    FOLLOW_UP
}
