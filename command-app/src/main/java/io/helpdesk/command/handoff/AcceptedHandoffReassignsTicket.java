package io.helpdesk.command.handoff;

import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.ticket.AssignTicket;
import io.helpdesk.domain.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Accepting a handoff gives the ticket to the agent who accepted it. Subscribing, so the assignment commits
 * with the acceptance or neither does (a closed ticket makes the acceptance fail too).
 */
@Component
@ProcessingGroup(AcceptedHandoffReassignsTicket.GROUP)
public class AcceptedHandoffReassignsTicket {

    public static final String GROUP = "handoff-automation";

    private final CommandGateway commands;

    public AcceptedHandoffReassignsTicket(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(HandoffAccepted event) {
        commands.sendAndWait(new AssignTicket(new TicketId(event.ticketId()), event.acceptedBy(), event.team()));
    }
}
