package io.helpdesk.domain.contact;

import java.util.List;

/** A contact was made, by hand ({@code by} a user) or for a new sender ({@code by} {@code webhook:<provider>}). */
public record ContactCreated(String contactId, String name, String language, List<String> identities,
                             String organizationId, String by) implements ContactEvent {

    public ContactCreated {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }
}
