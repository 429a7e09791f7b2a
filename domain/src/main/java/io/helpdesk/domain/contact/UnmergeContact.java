package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;

/** Undoes the merge of {@code contactId} into another contact: both change in one transaction. */
public record UnmergeContact(String contactId, String by) {

    public UnmergeContact {
        Require.text(contactId, "contactId", 64);
        Require.text(by, "by", 200);
    }
}
