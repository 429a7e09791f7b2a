package io.helpdesk.domain.handoff;

public record HandoffCompleted(String handoffId, String ticketId, String completedBy) implements HandoffEvent {
}
