package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;

/** P0 is the most urgent. The names sort in order of urgency. */
public enum Priority {
    P0, P1, P2, P3;

    /**
     * The priority bucket for an importance score from 0 to 10: P0 from 9, P1 from 7, P2 from 4, P3 below
     * that and when no score is given.
     */
    public static Priority fromImportance(Integer importance) {
        if (importance == null) {
            return P3;
        }
        if (importance < 0 || importance > 10) {
            throw new InvalidInput("importance", "must be between 0 and 10");
        }
        if (importance >= 9) {
            return P0;
        }
        if (importance >= 7) {
            return P1;
        }
        if (importance >= 4) {
            return P2;
        }
        return P3;
    }
}
