package io.helpdesk.domain.macro;

import java.util.List;

/** A new version of the macro: applications from now on use it; those made before name the version they used. */
public record MacroChanged(String macroId, String name, List<MacroAction> actions, int version, String author)
        implements MacroEvent {
}
