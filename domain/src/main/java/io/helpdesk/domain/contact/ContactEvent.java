package io.helpdesk.domain.contact;

/** Every event of a contact. */
public sealed interface ContactEvent permits ContactCreated, ContactChanged, ContactIdentityAdded,
        ContactIdentityRemoved, ContactMerged, ContactAbsorbed, ContactUnmerged, ContactReleased, ContactErased,
        ContactDataExported, ContactFieldsSet {
    String contactId();
}
