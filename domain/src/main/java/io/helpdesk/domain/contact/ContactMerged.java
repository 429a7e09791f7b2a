package io.helpdesk.domain.contact;

import java.util.List;

/** This contact was merged into {@code into}: its identities (and with them its tickets) moved there. */
public record ContactMerged(String contactId, String into, List<String> identities, String by)
        implements ContactEvent {

    public ContactMerged {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
