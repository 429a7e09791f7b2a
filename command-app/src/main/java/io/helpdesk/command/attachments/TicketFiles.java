package io.helpdesk.command.attachments;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.TicketOpened;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The files a ticket's messages and notes carry, read from the ticket's own events. */
@Component
public class TicketFiles {

    /** The ticket has no events. */
    static final class NoTicket extends RuntimeException {
        NoTicket(String ticketId) {
            super("no ticket with id " + ticketId);
        }
    }

    private final EventStorageEngine events;

    TicketFiles(EventStorageEngine events) {
        this.events = events;
    }

    /** The file with this hash on the ticket (its name and type as the message gave them), if it carries one. */
    Optional<Attachment> find(String ticketId, String sha256) {
        AtomicBoolean exists = new AtomicBoolean();
        Optional<Attachment> found = events.readEvents(ticketId, 0).asStream()
                .peek(event -> exists.set(true))
                .flatMap(event -> of(event.getPayload()).stream())
                .filter(attachment -> attachment.sha256().equals(sha256))
                .reduce((first, later) -> first);
        if (!exists.get()) {
            throw new NoTicket(ticketId);
        }
        return found;
    }

    /** The files a ticket's event carries: a message's, reply's or note's, those of messages moved in. */
    public static List<Attachment> of(Object event) {
        if (event instanceof TicketOpened e) {
            return e.attachments();
        } else if (event instanceof CustomerMessageReceived e) {
            return e.attachments();
        } else if (event instanceof AgentReplied e) {
            return e.attachments();
        } else if (event instanceof InternalNoteAdded e) {
            return e.attachments();
        } else if (event instanceof io.helpdesk.domain.ticket.MessagesMoved e) {
            // Messages merged or split into the ticket carry their files along.
            return e.messages().stream().flatMap(message -> message.attachments().stream()).toList();
        }
        return List.of();
    }
}
