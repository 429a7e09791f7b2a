package io.helpdesk.domain.macro;

import java.util.List;

public record MacroCreated(String macroId, String name, List<MacroAction> actions, int version, String author)
        implements MacroEvent {
}
