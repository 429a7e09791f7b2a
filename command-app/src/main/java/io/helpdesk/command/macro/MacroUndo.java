package io.helpdesk.command.macro;

import io.helpdesk.command.ticket.TicketState;
import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.ticket.DraftProposed;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What undoing a macro application on one ticket takes: the ticket as it was just before the application and
 * just after it, folded from its events, and the actions that lead from the second back to the first (status,
 * priority, category, assignment, tags, and the draft it proposed), followed by a note that says so. Notes the
 * macro added stay: what staff wrote is never taken back. The actions are applied like a macro, expecting the
 * ticket at the application's last event, so a ticket changed since is refused, never overwritten.
 */
@Component
class MacroUndo {

    private final EventStorageEngine events;

    MacroUndo(EventStorageEngine events) {
        this.events = events;
    }

    List<MacroAction> compensation(MacroApplications.Applied applied, String application) {
        TicketState before = new TicketState();
        TicketState after = new TicketState();
        boolean proposedDraft = false;
        for (DomainEventMessage<?> event : events.readEvents(applied.ticketId(), 0).asStream().toList()) {
            long sequence = event.getSequenceNumber();
            if (sequence > applied.lastSequence()) {
                break;
            }
            if (sequence < applied.firstSequence()) {
                before.apply(event.getPayload(), event.getTimestamp());
            } else if (event.getPayload() instanceof DraftProposed) {
                proposedDraft = true;
            }
            after.apply(event.getPayload(), event.getTimestamp());
        }
        List<MacroAction> actions = new ArrayList<>();
        if (!Objects.equals(before.status, after.status) && !"CLOSED".equals(before.status)) {
            actions.add(new MacroAction(MacroAction.Type.SET_STATUS, before.status, null, null));
        }
        if (before.priority != after.priority && before.priority != null) {
            actions.add(new MacroAction(MacroAction.Type.SET_PRIORITY, before.priority.name(), null, null));
        }
        if (!Objects.equals(before.category, after.category) && before.category != null) {
            actions.add(new MacroAction(MacroAction.Type.SET_CATEGORY, before.category, null, null));
        }
        if (!Objects.equals(before.assignee, after.assignee) || !Objects.equals(before.team, after.team)) {
            actions.add(before.assignee == null ? new MacroAction(MacroAction.Type.UNASSIGN, null, null, null)
                    : new MacroAction(MacroAction.Type.ASSIGN, before.assignee, before.team, null));
        }
        List<String> added = after.tags.stream().filter(tag -> !before.tags.contains(tag)).toList();
        List<String> removed = before.tags.stream().filter(tag -> !after.tags.contains(tag)).toList();
        if (!added.isEmpty()) {
            actions.add(new MacroAction(MacroAction.Type.REMOVE_TAGS, null, null, added));
        }
        if (!removed.isEmpty()) {
            actions.add(new MacroAction(MacroAction.Type.ADD_TAGS, null, null, removed));
        }
        if (proposedDraft && after.draftActive) {
            actions.add(new MacroAction(MacroAction.Type.DISCARD_DRAFT, null, null, null));
        }
        actions.add(new MacroAction(MacroAction.Type.ADD_NOTE, "Undid macro " + applied.macroId() + " v"
                + applied.macroVersion() + " (application " + application + ")", null, null));
        return actions;
    }
}
