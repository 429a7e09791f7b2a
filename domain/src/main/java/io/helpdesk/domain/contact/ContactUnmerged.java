package io.helpdesk.domain.contact;

import java.util.List;

/** A merge was undone: this contact stands on its own again, with {@code identities} back from {@code from}. */
public record ContactUnmerged(String contactId, String from, List<String> identities, String by)
        implements ContactEvent {

    public ContactUnmerged {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
