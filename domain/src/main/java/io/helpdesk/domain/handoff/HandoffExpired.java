package io.helpdesk.domain.handoff;

public record HandoffExpired(String handoffId, String ticketId) implements HandoffEvent {
}
