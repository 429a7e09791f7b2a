package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

/** Merges contact {@code from} into {@code into} (the one that stays): both change in one transaction. */
public record MergeContacts(String into, String from, String by) {

    public MergeContacts {
        Require.text(into, "into", 64);
        Require.text(from, "from", 64);
        if (into.equals(from)) {
            throw new InvalidInput("from", "a contact is not merged into itself");
        }
        Require.text(by, "by", 200);
    }
}
