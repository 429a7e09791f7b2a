package io.helpdesk.domain.field;

/**
 * One choice of a select field: its {@code id} is what values hold (it never changes, so a renamed option keeps
 * its values), its {@code label} what people read.
 */
public record FieldOption(String id, String label) {
}
