package io.helpdesk.domain.field;

import java.util.List;

public record FieldDefined(String key, FieldEntity entity, String label, FieldType type, List<FieldOption> options,
                           String by) implements FieldEvent {

    public FieldDefined {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
