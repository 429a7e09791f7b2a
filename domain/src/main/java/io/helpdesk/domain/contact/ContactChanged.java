package io.helpdesk.domain.contact;

/** A contact's name, language and organization as they are now (each may be null). */
public record ContactChanged(String contactId, String name, String language, String organizationId, String by)
        implements ContactEvent {
}
