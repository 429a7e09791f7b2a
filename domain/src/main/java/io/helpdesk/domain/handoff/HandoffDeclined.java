package io.helpdesk.domain.handoff;

public record HandoffDeclined(String handoffId, String ticketId, String declinedBy, String reason) implements HandoffEvent {
}
