package io.helpdesk.domain.field;

/** Every event of a custom field's definition. */
public sealed interface FieldEvent permits FieldDefined, FieldChanged {
    String key();
}
