package io.helpdesk.command.alerts;

import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAlertRaised;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Announces what needs a human now: a ticket that is (or becomes) P0, a missed SLA target, and what a rule or
 * macro asks to announce. A side
 * effect, so it never runs for replayed history ({@code @DisallowReplay}) and its processor starts at the
 * newest event rather than the first.
 */
@Component
@ProcessingGroup(AlertPolicy.GROUP)
public class AlertPolicy {

    public static final String GROUP = "alerts";

    private final AlertSender sender;

    public AlertPolicy(AlertSender sender) {
        this.sender = sender;
    }

    @EventHandler
    @DisallowReplay
    void on(TicketOpened event) {
        if (event.priority() == Priority.P0) {
            sender.send(":rotating_light: P0 ticket " + event.ticketId() + " from " + event.customerEmail() + " ("
                                + event.channel() + "): " + event.subject());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(TicketPriorityChanged event) {
        if (event.to() == Priority.P0 && event.from() != Priority.P0) {
            sender.send(":rotating_light: Ticket " + event.ticketId() + " raised to P0 by " + event.actor() + ": "
                                + event.reason());
        }
    }

    @EventHandler
    @DisallowReplay
    void on(TicketAlertRaised event) {
        sender.send(":bell: Ticket " + event.ticketId() + " (" + event.actor() + "): " + event.text());
    }

    @EventHandler
    @DisallowReplay
    void on(SlaBreached event) {
        sender.send(":warning: SLA " + event.target() + " missed on " + event.priority() + " ticket "
                            + event.ticketId() + " (due " + event.dueAt() + ")");
    }
}
