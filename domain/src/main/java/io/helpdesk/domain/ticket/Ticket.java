package io.helpdesk.domain.ticket;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's request, from the first message until it is closed. Command handlers decide and apply
 * events; event-sourcing handlers only evolve state.
 */
public class Ticket {

    @AggregateIdentifier
    private TicketId id;
    private TicketStatus status;
    private String assignee;
    private String team;
    private boolean firstResponseGiven;

    protected Ticket() {
    }

    @CommandHandler
    public Ticket(OpenTicket command) {
        apply(new TicketOpened(
                command.ticketId().value(),
                command.customerEmail(),
                command.customerName(),
                command.channel(),
                command.subject(),
                command.body(),
                command.importance(),
                Priority.fromImportance(command.importance())));
    }

    @CommandHandler
    public void handle(AssignTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        if (Objects.equals(assignee, command.assignee()) && Objects.equals(team, command.team())) {
            return;
        }
        apply(new TicketAssigned(id.value(), command.assignee(), command.team(), assignee));
    }

    @CommandHandler
    public void handle(PostAgentReply command) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new AgentReplied(id.value(), command.agentId(), command.body(), !firstResponseGiven));
    }

    @CommandHandler
    public void handle(CloseTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new TicketClosed(id.value(), command.closedBy()));
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        id = new TicketId(event.ticketId());
        status = TicketStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TicketAssigned event) {
        assignee = event.assignee();
        team = event.team();
    }

    @EventSourcingHandler
    void on(AgentReplied event) {
        firstResponseGiven = true;
    }

    @EventSourcingHandler
    void on(TicketClosed event) {
        status = TicketStatus.CLOSED;
    }
}
