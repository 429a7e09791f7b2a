package io.helpdesk.domain.ticket;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Applies a macro, as of one version of it, to the ticket in one step: every change it makes commits together,
 * or none does (a refused action, or a placeholder the ticket cannot fill, refuses the whole macro).
 */
public record ApplyMacro(@TargetAggregateIdentifier TicketId ticketId, String macroId, int macroVersion,
                         List<MacroAction> actions, String agent) {

    public ApplyMacro {
        Require.present(ticketId, "ticketId");
        Require.text(macroId, "macroId", 64);
        if (macroVersion < 1) {
            throw new InvalidInput("macroVersion", "must be 1 or more");
        }
        if (actions == null || actions.isEmpty()) {
            throw new InvalidInput("actions", "must hold at least one action");
        }
        actions = List.copyOf(actions);
        Require.text(agent, "agent", 200);
    }
}
