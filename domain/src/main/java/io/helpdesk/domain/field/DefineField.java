package io.helpdesk.domain.field;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record DefineField(@TargetAggregateIdentifier String key, FieldEntity entity, String label, FieldType type,
                          List<FieldOption> options, String by) {

    public DefineField {
        CustomFields.key(key, "key");
        Require.present(entity, "entity");
        label = Require.text(label, "label", 200).strip();
        Require.present(type, "type");
        options = CustomFields.options(type, options, "options");
        Require.text(by, "by", 200);
    }
}
