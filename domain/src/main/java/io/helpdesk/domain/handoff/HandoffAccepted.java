package io.helpdesk.domain.handoff;

public record HandoffAccepted(String handoffId, String ticketId, String acceptedBy, String team) implements HandoffEvent {
}
