package io.helpdesk.domain.block;

public record SenderBlocked(String pattern, String reason, String by) implements BlockEvent {
}
