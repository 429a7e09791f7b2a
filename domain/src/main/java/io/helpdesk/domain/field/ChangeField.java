package io.helpdesk.domain.field;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Renames a field or its options, or adds options; null leaves either as it is. Options are never removed. */
public record ChangeField(@TargetAggregateIdentifier String key, String label, List<FieldOption> options, String by) {

    public ChangeField {
        CustomFields.key(key, "key");
        label = label == null ? null : Require.text(label, "label", 200).strip();
        Require.text(by, "by", 200);
    }
}
