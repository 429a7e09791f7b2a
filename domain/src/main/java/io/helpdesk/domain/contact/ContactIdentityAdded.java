package io.helpdesk.domain.contact;

public record ContactIdentityAdded(String contactId, String identity, String by) implements ContactEvent {
}
