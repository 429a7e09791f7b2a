package io.helpdesk.domain.ticket;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.macro.Templates;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.deadline.DeadlineManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What applying a macro does to a ticket: each action through the ticket's own command handling (so every rule
 * holds as for the same change made by hand), in order, within the one command. Templates are filled first, so
 * a placeholder the ticket cannot fill refuses the macro before anything changes. A status the ticket has
 * already is passed over rather than refused.
 */
final class MacroSteps {

    private MacroSteps() {
    }

    static void apply(Ticket ticket, TicketId id, List<MacroAction> actions, String agent, String reason,
                      Map<String, String> values, TicketStatus status, SlaPolicy policy, DeadlineManager deadlines) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            MacroAction action = actions.get(i);
            boolean template = switch (action.type()) {
                case ADD_NOTE, PROPOSE_DRAFT, NOTIFY, ALERT -> true;
                default -> false;
            };
            texts.add(template ? Templates.fill(action.value(), values, "actions[" + i + "].value") : action.value());
        }
        TicketStatus current = status;
        for (int i = 0; i < actions.size(); i++) {
            MacroAction action = actions.get(i);
            String text = texts.get(i);
            switch (action.type()) {
                case SET_STATUS -> {
                    TicketStatus target = TicketStatus.valueOf(text);
                    if (target != current) {
                        switch (target) {
                            case PENDING -> ticket.handle(new MarkPending(id, reason, agent), policy, deadlines);
                            case ON_HOLD -> ticket.handle(new PutOnHold(id, reason, agent), policy, deadlines);
                            case RESOLVED -> ticket.handle(new ResolveTicket(id, reason, agent), policy, deadlines);
                            default -> {
                                if (current == TicketStatus.RESOLVED) {
                                    ticket.handle(new ReopenTicket(id, reason, agent), policy, deadlines);
                                } else {
                                    ticket.handle(new ReturnToOpen(id, reason, agent), policy, deadlines);
                                }
                            }
                        }
                        current = target;
                    }
                }
                case SET_PRIORITY -> ticket.handle(new ChangePriority(id, Priority.valueOf(text), reason, agent),
                                                   policy, deadlines);
                case SET_CATEGORY -> ticket.handle(new SetCategory(id, text, agent));
                case ADD_TAGS -> ticket.handle(new AddTags(id, action.tags()));
                case REMOVE_TAGS -> ticket.handle(new RemoveTags(id, action.tags()));
                case ASSIGN -> ticket.handle(new AssignTicket(id, text, action.team()));
                case UNASSIGN -> ticket.handle(new UnassignTicket(id, agent));
                case DISCARD_DRAFT -> ticket.handle(new DiscardDraft(id, agent));
                case ADD_NOTE -> ticket.handle(new AddInternalNote(id, agent, text));
                case PROPOSE_DRAFT -> ticket.handle(new ProposeDraft(id, agent, text));
                case NOTIFY -> ticket.notify(agent, action.to(), action.team(), text);
                case ALERT -> ticket.raiseAlert(text, agent);
                case ROUTE -> ticket.handle(new RouteTicket(id, action.team(), action.tags(), agent));
            }
        }
    }
}
