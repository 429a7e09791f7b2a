package io.helpdesk.domain.contact;

import java.util.List;

/** The other side of {@link ContactUnmerged}: this contact gave {@code released} its identities back. */
public record ContactReleased(String contactId, String released, List<String> identities, String by)
        implements ContactEvent {

    public ContactReleased {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
