package io.helpdesk.domain.block;

public record SenderUnblocked(String pattern, String by) implements BlockEvent {
}
