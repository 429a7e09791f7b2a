package io.helpdesk.domain.macro;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record CreateMacro(@TargetAggregateIdentifier String macroId, String name, List<MacroAction> actions,
                          String author) {

    public CreateMacro {
        Require.text(macroId, "macroId", 64);
        Require.text(name, "name", 200);
        actions = MacroAction.list(actions);
        Require.text(author, "author", 200);
    }
}
