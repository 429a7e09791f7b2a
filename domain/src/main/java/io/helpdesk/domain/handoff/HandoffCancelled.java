package io.helpdesk.domain.handoff;

public record HandoffCancelled(String handoffId, String ticketId, String cancelledBy, String reason) implements HandoffEvent {
}
