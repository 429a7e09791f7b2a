package io.helpdesk.domain.rule;

/** A state a ticket can stay in for a while, which a time-based rule measures. */
public enum TimedState {
    OPEN, PENDING, ON_HOLD, RESOLVED, UNASSIGNED
}
