package io.helpdesk.command.ticket.merge;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.MovedMessage;
import io.helpdesk.domain.ticket.TicketHistory;
import io.helpdesk.domain.ticket.TicketOpened;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket's messages as its events recorded them (the first message, customer messages, replies, notes), with
 * each event's global position, for merging and splitting. The positions come from the event table's own
 * column, never from a payload.
 */
@Component
public class EventTicketHistory implements TicketHistory {

    private final ObjectProvider<EventStorageEngine> events;
    private final JdbcTemplate jdbc;

    public EventTicketHistory(ObjectProvider<EventStorageEngine> events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    @Override
    public List<MovedMessage> messages(String ticketId) {
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("SELECT event_identifier, global_index FROM eventstore.domain_event_entry WHERE aggregate_identifier = ?",
                   row -> {
                       positions.put(row.getString(1), row.getLong(2));
                   }, ticketId);
        return events.getObject().readEvents(ticketId, 0).asStream()
                     .map(event -> message(event, positions.getOrDefault(event.getIdentifier(), 0L)))
                     .filter(java.util.Objects::nonNull)
                     .toList();
    }

    private static MovedMessage message(DomainEventMessage<?> event, long position) {
        Object payload = event.getPayload();
        if (payload instanceof TicketOpened e) {
            return new MovedMessage(event.getIdentifier(), position, event.getTimestamp(), "OPENED",
                                    e.customerEmail(), e.subject() + "\n" + e.body(), e.attachments());
        } else if (payload instanceof CustomerMessageReceived e) {
            return new MovedMessage(event.getIdentifier(), position, event.getTimestamp(), "CUSTOMER_MESSAGE",
                                    "customer", e.body(), e.attachments());
        } else if (payload instanceof AgentReplied e) {
            return new MovedMessage(event.getIdentifier(), position, event.getTimestamp(), "AGENT_REPLY",
                                    e.agentId(), e.body(), e.attachments());
        } else if (payload instanceof InternalNoteAdded e) {
            return new MovedMessage(event.getIdentifier(), position, event.getTimestamp(), "NOTE", e.author(),
                                    e.body(), e.attachments());
        }
        return null;
    }
}
