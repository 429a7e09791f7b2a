package io.helpdesk.domain.handoff;

public enum HandoffStatus {
    REQUESTED, ACCEPTED, DECLINED, CANCELLED, EXPIRED, COMPLETED;

    /** Requested or accepted: the ticket may have no other handoff meanwhile. */
    public boolean isOpen() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
