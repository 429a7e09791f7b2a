package io.helpdesk.domain.field;

/** What a custom field describes. */
public enum FieldEntity {
    TICKET, CONTACT, ORGANIZATION
}
