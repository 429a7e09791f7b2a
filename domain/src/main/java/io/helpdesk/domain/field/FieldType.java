package io.helpdesk.domain.field;

/** What a custom field holds. */
public enum FieldType {
    TEXT, NUMBER, DATE, SELECT, MULTI_SELECT, CHECKBOX
}
