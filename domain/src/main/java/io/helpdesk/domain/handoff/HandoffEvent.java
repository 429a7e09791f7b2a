package io.helpdesk.domain.handoff;

/** Every event of a handoff. */
public sealed interface HandoffEvent permits
        HandoffRequested,
        HandoffAccepted,
        HandoffDeclined,
        HandoffCancelled,
        HandoffExpired,
        HandoffCompleted {

    String handoffId();

    String ticketId();
}
