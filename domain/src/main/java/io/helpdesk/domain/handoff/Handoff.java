package io.helpdesk.domain.handoff;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Passing a ticket's conversation from a bot or an agent to another agent or a team. */
public class Handoff {

    static final String EXPIRY_DEADLINE = "handoff-expiry";

    // A plain string: persistent deadlines serialize the identifier, and must read back what loads the aggregate.
    @AggregateIdentifier
    private String id;
    private String ticketId;
    private String toAgent;
    private String toTeam;
    private String acceptedBy;
    private HandoffStatus status;

    protected Handoff() {
    }

    @CommandHandler
    public Handoff(RequestHandoff command, OpenHandoffs openHandoffs, ClosedTickets closedTickets,
                   HandoffPolicy policy, DeadlineManager deadlines) {
        HandoffRules.notForAClosedTicket(command.ticketId(), closedTickets.isClosed(command.ticketId()));
        HandoffRules.oneOpenHandoffPerTicket(command.ticketId(), openHandoffs.openHandoffOf(command.ticketId()));
        Instant expiresAt = GenericEventMessage.clock.instant().plus(policy.acceptTimeout());
        apply(new HandoffRequested(command.handoffId().value(), command.ticketId(), command.requestedBy(),
                                   command.requesterKind(), command.toAgent(), command.toTeam(), command.reason(),
                                   command.contextSummary(), expiresAt));
        deadlines.schedule(expiresAt, EXPIRY_DEADLINE, new HandoffExpiryDue(command.handoffId().value()));
    }

    @CommandHandler
    public void handle(AcceptHandoff command) {
        HandoffRules.mustBe(id, status, HandoffStatus.REQUESTED);
        HandoffRules.onlyTheTargetAnswers(id, toAgent, toTeam, command.actor(), command.actorTeams());
        String team = toTeam != null && command.actorTeams().contains(toTeam) ? toTeam : null;
        apply(new HandoffAccepted(id, ticketId, command.actor(), team));
    }

    @CommandHandler
    public void handle(DeclineHandoff command) {
        HandoffRules.mustBe(id, status, HandoffStatus.REQUESTED);
        HandoffRules.onlyTheTargetAnswers(id, toAgent, toTeam, command.actor(), command.actorTeams());
        apply(new HandoffDeclined(id, ticketId, command.actor(), command.reason()));
    }

    @CommandHandler
    public void handle(CancelHandoff command) {
        HandoffRules.mustBe(id, status, HandoffStatus.REQUESTED);
        apply(new HandoffCancelled(id, ticketId, command.actor(), command.reason()));
    }

    @CommandHandler
    public void handle(CompleteHandoff command) {
        HandoffRules.mustBe(id, status, HandoffStatus.ACCEPTED);
        HandoffRules.onlyTheAcceptorCompletes(id, acceptedBy, command.actor());
        apply(new HandoffCompleted(id, ticketId, command.actor()));
    }

    /** Expiry is not cancelled when the handoff is answered (see Ticket#scheduleSla); it then does nothing. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    public void on(HandoffExpiryDue due) {
        if (status == HandoffStatus.REQUESTED) {
            apply(new HandoffExpired(id, ticketId));
        }
    }

    @EventSourcingHandler
    void on(HandoffRequested event) {
        id = event.handoffId();
        ticketId = event.ticketId();
        toAgent = event.toAgent();
        toTeam = event.toTeam();
        status = HandoffStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(HandoffAccepted event) {
        acceptedBy = event.acceptedBy();
        status = HandoffStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(HandoffDeclined event) {
        status = HandoffStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(HandoffCancelled event) {
        status = HandoffStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(HandoffExpired event) {
        status = HandoffStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(HandoffCompleted event) {
        status = HandoffStatus.COMPLETED;
    }
}
