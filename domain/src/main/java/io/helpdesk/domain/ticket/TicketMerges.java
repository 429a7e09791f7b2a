package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Merging, unmerging and splitting change two tickets; both are loaded in the command's unit of work, so their
 * events are stored in one transaction or not at all. The messages that move are copied into the receiving
 * ticket's event as they were recorded ({@link TicketHistory}), so its read models need no other ticket's rows.
 */
public class TicketMerges {

    private final Repository<Ticket> tickets;
    private final TicketHistory history;

    public TicketMerges(Repository<Ticket> tickets, TicketHistory history) {
        this.tickets = tickets;
        this.history = history;
    }

    @CommandHandler
    public void handle(MergeTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        Aggregate<Ticket> into = tickets.load(command.into());
        Aggregate<Ticket> from = tickets.load(command.from());
        List<MovedMessage> messages = history.messages(command.from());
        List<MovedMessage> showing = new ArrayList<>();
        from.execute(ticket -> messages.stream().filter(m -> ticket.holds(m.eventId())).forEach(showing::add));
        from.execute(ticket -> ticket.mergeInto(command.into(), command.by(), policy, deadlines));
        into.execute(ticket -> ticket.receive(command.from(), MessagesMoved.MERGE, showing, command.by()));
    }

    @CommandHandler
    public void handle(UnmergeTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        Aggregate<Ticket> merged = tickets.load(command.ticketId());
        String into = merged.invoke(ticket -> ticket.unmerge(command.by(), policy, deadlines));
        tickets.load(into).execute(ticket -> ticket.release(command.ticketId(), command.by()));
    }

    /** Answers the new ticket's id. */
    @CommandHandler
    public String handle(SplitTicket command, SlaPolicy policy, DeadlineManager deadlines) throws Exception {
        Aggregate<Ticket> source = tickets.load(command.ticketId());
        Map<String, MovedMessage> own = history.messages(command.ticketId()).stream()
                                               .collect(Collectors.toMap(MovedMessage::eventId, Function.identity()));
        List<MovedMessage> moving = new ArrayList<>();
        Set<String> showing = new HashSet<>();
        source.execute(ticket -> own.keySet().stream().filter(ticket::holds).forEach(showing::add));
        for (int i = 0; i < command.eventIds().size(); i++) {
            String eventId = command.eventIds().get(i);
            if (!showing.contains(eventId)) {
                throw new InvalidInput("eventIds[" + i + "]", "is not a message of ticket " + command.ticketId()
                        + " (or was split off it before)");
            }
            moving.add(own.get(eventId));
        }
        moving.sort(java.util.Comparator.comparingLong(MovedMessage::position));
        OpenTicket open = source.invoke(ticket -> ticket.splitOff(command.newTicketId(), moving, command.subject(),
                                                                  command.by()));
        tickets.newInstance(() -> new Ticket(open, policy, deadlines))
               .execute(ticket -> ticket.receive(command.ticketId(), MessagesMoved.SPLIT, moving, command.by()));
        return command.newTicketId();
    }
}
