package io.helpdesk.domain.handoff;

public record HandoffRequested(String handoffId, String ticketId, String requestedBy, RequesterKind requesterKind, String toAgent, String toTeam, String reason, String contextSummary, java.time.Instant expiresAt) implements HandoffEvent {
}
