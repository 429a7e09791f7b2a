package io.helpdesk.command.ticket;

import io.helpdesk.domain.field.FieldValues;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.DraftDiscarded;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketFieldsSet;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.TicketUntagged;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ticket as far as command-side tools read it (macro undo, the rules' dry run), folded from its events: the
 * fields staff and rules change, and since when it is in its status and unassigned.
 */
public final class TicketState {

    public String channel;
    public String customerEmail;
    public String customerName;
    public String subject;
    public String status;
    public Priority priority;
    public String category;
    public String assignee;
    public String team;
    public final Set<String> tags = new LinkedHashSet<>();
    public final Map<String, Object> fields = new TreeMap<>();
    public boolean draftActive;
    public Instant statusSince;
    public Instant unassignedSince;

    public void apply(Object event, Instant at) {
        if (event instanceof TicketOpened e) {
            channel = e.channel() == null ? null : e.channel().name();
            customerEmail = e.customerEmail();
            customerName = e.customerName();
            subject = e.subject();
            priority = e.priority();
            status("OPEN", at);
            unassignedSince = at;
        } else if (event instanceof TicketPriorityChanged e) {
            priority = e.to();
        } else if (event instanceof TicketCategorized e) {
            category = e.category();
        } else if (event instanceof TicketAssigned e) {
            if (e.assignee() == null && assignee != null) {
                unassignedSince = at;
            }
            assignee = e.assignee();
            team = e.team();
        } else if (event instanceof TicketUnassigned) {
            if (assignee != null) {
                unassignedSince = at;
            }
            assignee = null;
            team = null;
        } else if (event instanceof TicketFieldsSet e) {
            FieldValues.apply(fields, e.values());
        } else if (event instanceof TicketTagged e) {
            tags.addAll(e.tags());
        } else if (event instanceof TicketUntagged e) {
            e.tags().forEach(tags::remove);
        } else if (event instanceof TicketMarkedPending) {
            status("PENDING", at);
        } else if (event instanceof TicketPutOnHold) {
            status("ON_HOLD", at);
        } else if (event instanceof TicketReturnedToOpen || event instanceof TicketReopened) {
            status("OPEN", at);
        } else if (event instanceof TicketResolved) {
            status("RESOLVED", at);
        } else if (event instanceof TicketClosed) {
            status("CLOSED", at);
        } else if (event instanceof DraftProposed) {
            draftActive = true;
        } else if (event instanceof DraftSent || event instanceof DraftDiscarded || event instanceof AgentReplied) {
            draftActive = false;
        }
    }

    private void status(String next, Instant at) {
        status = next;
        statusSince = at;
    }
}
