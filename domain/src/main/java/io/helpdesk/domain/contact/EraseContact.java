package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;

/** Erases a contact (with the contacts merged into it) and their tickets' personal data. */
public record EraseContact(String contactId, String reason, String by) {

    public EraseContact {
        Require.text(contactId, "contactId", 64);
        reason = Require.text(reason, "reason", 1_000);
        Require.text(by, "by", 200);
    }
}
