package io.helpdesk.domain.contact;

import java.util.List;

/** The other side of {@link ContactMerged}: this contact took over {@code from}'s identities. */
public record ContactAbsorbed(String contactId, String from, List<String> identities, String by)
        implements ContactEvent {

    public ContactAbsorbed {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
