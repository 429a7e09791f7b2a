package io.helpdesk.command.alerts;

import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAlertRaised;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

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
    /** SLA promises broken, by priority and target ({@code helpdesk.sla.breaches}), each from zero. */
    private final Map<String, Counter> breaches = new HashMap<>();

    public AlertPolicy(AlertSender sender, MeterRegistry meters) {
        this.sender = sender;
        for (Priority priority : Priority.values()) {
            for (SlaTarget target : SlaTarget.values()) {
                breaches.put(priority + "/" + target, Counter.builder("helpdesk.sla.breaches")
                        .description("SLA targets missed, as the breaches happen")
                        .tag("priority", priority.name()).tag("target", target.name()).register(meters));
            }
        }
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
        Counter counter = breaches.get(event.priority() + "/" + event.target());
        if (counter != null) {
            counter.increment();
        }
        sender.send(":warning: SLA " + event.target() + " missed on " + event.priority() + " ticket "
                            + event.ticketId() + " (due " + event.dueAt() + ")");
    }
}
