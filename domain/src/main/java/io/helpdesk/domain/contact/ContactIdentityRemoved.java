package io.helpdesk.domain.contact;

public record ContactIdentityRemoved(String contactId, String identity, String by) implements ContactEvent {
}
