package io.helpdesk.domain.field;

import java.util.List;

/** The field's label and options as they are now (an option's id never changes; its label may). */
public record FieldChanged(String key, String label, List<FieldOption> options, String by) implements FieldEvent {

    public FieldChanged {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
