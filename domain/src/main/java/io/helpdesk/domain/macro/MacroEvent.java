package io.helpdesk.domain.macro;

/** Every event of a macro's life. */
public sealed interface MacroEvent permits MacroCreated, MacroChanged {
    String macroId();
}
