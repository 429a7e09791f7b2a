package io.helpdesk.domain.handoff;

/** Payload of the deadline at which an unanswered handoff expires. */
public record HandoffExpiryDue(String handoffId) {
}
