package io.helpdesk.domain.ticket;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The ticket's links to other tickets (part of the ticket, {@code @AggregateMember}). Links tell about the
 * ticket and change nothing else, so they may be made on a closed ticket too (closing one as a duplicate);
 * linking again as the same kind, or unlinking what is not linked, records nothing.
 */
class TicketLinks {

    private String ticketId;
    private final Map<String, LinkKind> links = new HashMap<>();

    @CommandHandler
    void handle(LinkTicket command) {
        if (links.get(command.otherTicketId()) != command.kind()) {
            apply(new TicketLinked(ticketId, command.otherTicketId(), command.kind(), command.actor()));
        }
    }

    @CommandHandler
    void handle(UnlinkTicket command) {
        if (links.containsKey(command.otherTicketId())) {
            apply(new TicketUnlinked(ticketId, command.otherTicketId(), command.actor()));
        }
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        ticketId = event.ticketId();
    }

    @EventSourcingHandler
    void on(TicketLinked event) {
        links.put(event.otherTicketId(), event.kind());
    }

    @EventSourcingHandler
    void on(TicketUnlinked event) {
        links.remove(event.otherTicketId());
    }
}
