package io.helpdesk.query.analytics;

import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftKind;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.ReadModelDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helpdesk.projections.TicketSla;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's events on a ticket are written as one insert or update; the rows must be what one event per
 * transaction gives (how events arrive live) whatever a batch holds.
 */
class AnalyticsProjectionTest {

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final String ROWS = "SELECT * FROM readmodel.ticket_fact ORDER BY ticket_id";

    private BatchingJdbcTemplate jdbc;
    private AnalyticsProjection projection;

    @BeforeEach
    void database() {
        jdbc = ReadModelDatabase.migrated();
        projection = new AnalyticsProjection(jdbc, new TicketSla(new com.fasterxml.jackson.databind.ObjectMapper(),
                                                                 io.helpdesk.domain.sla.SlaPolicy.standard()));
    }

    /**
     * Three tickets whose lives touch every column, interleaved, one of them reopened and resolved again, its
     * custom fields set in between.
     */
    private static List<EventMessage<?>> history() {
        List<Object> events = List.of(
                new TicketOpened("a", "ann@example.com", "Ann", ContactChannel.EMAIL, "s", "b", 5, Priority.P2),
                new TicketOpened("b", "bob@example.com", "Bob", ContactChannel.CHAT, "s", "b", 9, Priority.P0),
                new TicketAssigned("a", "kim", "billing", null),
                new DraftProposed("a", "d1", "bot", "hi", "h", DraftKind.BOT_REPLY),
                new DraftProposed("a", "d2", "kim", "hi", "h", DraftKind.FOLLOW_UP),
                new DraftEdited("a", "d1", "kim", "hello", "h2"),
                new DraftSent("a", "d1", "kim"),
                new AgentReplied("a", "kim", "hello", true),
                new AgentReplied("a", "kim", "again", false),
                // Another write of the row between clock changes: those before it must not be lost.
                new io.helpdesk.domain.ticket.TicketFieldsSet("a", Map.of("plan", "gold"), "kim"),
                new TicketPriorityChanged("b", Priority.P0, Priority.P1, "calmer", "lee"),
                new TicketCategorized("b", "refunds", "lee"),
                new SlaBreached("b", SlaTarget.FIRST_RESPONSE, T0, Priority.P1),
                new TicketAssigned("b", "lee", "support", null),
                new TicketUnassigned("b", "lee", "support", "lee"),
                new TicketResolved("a", "done", "kim"),
                new TicketReopened("a", "not done", "ann"),
                new SlaBreached("a", SlaTarget.RESOLUTION, T0, Priority.P2),
                new TicketResolved("a", "done now", "kim"),
                new SatisfactionRated("a", 4, null),
                new TicketClosed("a", "system"),
                new TicketOpened("c", "cy@example.com", "Cy", ContactChannel.WEB, "s", "b", 1, Priority.P3));
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericEventMessage<>(UUID.randomUUID().toString(), events.get(i), Map.of(),
                                                   T0.plusSeconds(60L * i)));
        }
        return messages;
    }

    private void oneEventPerTransaction(List<EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> projection.handle(message));
        }
    }

    private void inBatches(List<EventMessage<?>> messages, int size) {
        for (int from = 0; from < messages.size(); from += size) {
            BatchingUnitOfWork<EventMessage<?>> batch =
                    new BatchingUnitOfWork<>(messages.subList(from, Math.min(messages.size(), from + size)));
            batch.executeWithResult(() -> projection.handle(batch.getMessage()));
        }
    }

    @Test
    void batchesOfAnySizeWriteTheRowsThatOneEventAtATimeWrites() {
        List<EventMessage<?>> history = history();
        oneEventPerTransaction(history);
        List<Map<String, Object>> expected = jdbc.queryForList(ROWS);

        Map<String, Object> a = expected.get(0);
        assertThat(a).containsEntry("ticket_id", "a").containsEntry("team", "billing").containsEntry("agent", "kim")
                     .containsEntry("resolved_by", "kim").containsEntry("reopened", 1).containsEntry("csat", 4)
                     .containsEntry("sla_breaches", 1).containsEntry("bot_drafts", 1)
                     .containsEntry("bot_drafts_edited", 1).containsEntry("bot_drafts_sent", 1)
                     .containsEntry("first_response_agent", "kim");
        assertThat(((Timestamp) a.get("resolved_at")).toInstant()).isEqualTo(T0.plusSeconds(60L * 18));
        assertThat(a.get("sla_state").toString()).contains("\"firstResponseGiven\":true");
        assertThat(((Timestamp) a.get("first_response_at")).toInstant()).isEqualTo(T0.plusSeconds(60L * 7));
        assertThat(expected.get(1)).containsEntry("priority", "P1").containsEntry("category", "refunds")
                                   .containsEntry("team", null).containsEntry("agent", null)
                                   .containsEntry("sla_breaches", 1).containsEntry("resolved_at", null);
        assertThat(expected).hasSize(3);

        for (int size : new int[]{history.size(), 7, 2}) {
            projection.prepareReset();
            inBatches(history, size);
            assertThat(jdbc.queryForList(ROWS)).as("batches of %d", size).isEqualTo(expected);
        }
    }
}
