package io.helpdesk.query.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaClocks;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.ReadModelDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SLA read model writes a clock row only when an event moves it; after every event each open clock row
 * must still show what the ticket's clocks give under the policy, and batches must write the same rows.
 */
class SlaProjectionTest {

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final double AT_RISK = 0.75;
    private static final String ROWS = "SELECT * FROM readmodel.sla_clock ORDER BY ticket_id, target, cycle";

    private final SlaPolicy policy = SlaPolicy.standard();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private BatchingJdbcTemplate jdbc;
    private SlaProjection projection;

    @BeforeEach
    void database() {
        jdbc = ReadModelDatabase.migrated();
        projection = new SlaProjection(jdbc, json, () -> policy, AT_RISK, ReadModelChanges.silent(jdbc));
    }

    /** Two tickets through every clock rule: pauses, a priority change, replies, a breach, resolve and reopen. */
    private static List<EventMessage<?>> history() {
        List<Object> events = List.of(
                new TicketOpened("a", "ann@example.com", "Ann", ContactChannel.EMAIL, "s", "b", 5, Priority.P2),
                new TicketOpened("b", "bob@example.com", "Bob", ContactChannel.CHAT, "s", "b", 9, Priority.P0),
                new TicketAssigned("a", "kim", "billing", null),
                new TicketMarkedPending("a", "waiting for the customer", "kim"),
                new CustomerMessageReceived("a", "m1", "here it is"),
                new TicketReturnedToOpen("a", "answered", "kim"),
                new TicketPriorityChanged("a", Priority.P2, Priority.P1, "angry", "kim"),
                new AgentReplied("a", "kim", "hello", true),
                new AgentReplied("a", "kim", "again", false),
                new CustomerMessageReceived("a", "m2", "still broken"),
                new SlaBreached("b", SlaTarget.FIRST_RESPONSE, T0.plusSeconds(900), Priority.P0),
                new TicketPutOnHold("b", "vendor", "lee"),
                new TicketPriorityChanged("b", Priority.P0, Priority.P3, "calmer", "lee"),
                new TicketReturnedToOpen("b", "vendor answered", "lee"),
                new AgentReplied("b", "lee", "sorry", true),
                new CustomerMessageReceived("b", "m3", "thanks"),
                new TicketResolved("a", "done", "kim"),
                new TicketReopened("a", "not done", "ann"),
                new AgentReplied("a", "kim", "now?", false),
                new TicketResolved("a", "done now", "kim"),
                new TicketClosed("a", "system"));
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericEventMessage<>(UUID.randomUUID().toString(), events.get(i), Map.of(),
                                                   T0.plusSeconds(600L * i)));
        }
        return messages;
    }

    @Test
    void afterEveryEventEachOpenClockShowsWhatTheTicketsClocksGive() throws Exception {
        for (EventMessage<?> message : history()) {
            DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> projection.handle(message));
            for (Map<String, Object> ticket : jdbc.queryForList("SELECT ticket_id, priority, clocks FROM readmodel.sla_ticket")) {
                String ticketId = (String) ticket.get("ticket_id");
                Priority priority = Priority.valueOf((String) ticket.get("priority"));
                SlaClocks clocks = SlaClocks.restore(json.readValue((String) ticket.get("clocks"), SlaClocks.State.class));
                for (Map<String, Object> open : jdbc.queryForList(
                        "SELECT * FROM readmodel.sla_clock WHERE ticket_id = ? AND outcome IS NULL", ticketId)) {
                    SlaTarget target = SlaTarget.valueOf((String) open.get("target"));
                    String after = "after " + message.getPayloadType().getSimpleName() + ", " + ticketId + " " + target;
                    var allowed = policy.targetsFor(priority).of(target);
                    var calendar = policy.calendarFor(priority);
                    assertThat(open.get("paused")).as(after).isEqualTo(clocks.isPaused());
                    assertThat(open.get("priority")).as(after).isEqualTo(priority.name());
                    // A paused or breached clock has no deadline of its own: the row keeps the last one.
                    clocks.dueAt(target, allowed, calendar).ifPresent(due -> assertThat(
                            ((Timestamp) open.get("due_at")).toInstant()).as(after).isEqualTo(due));
                    clocks.atRiskAt(target, allowed, AT_RISK, calendar).ifPresent(atRisk -> assertThat(
                            ((Timestamp) open.get("at_risk_at")).toInstant()).as(after).isEqualTo(atRisk));
                }
            }
        }
        List<Map<String, Object>> rows = jdbc.queryForList(ROWS);
        assertThat(rows).extracting(r -> r.get("ticket_id") + " " + r.get("target") + " " + r.get("cycle") + " "
                                         + r.get("outcome"))
                        .containsExactly("a FIRST_RESPONSE 1 MET", "a NEXT_RESPONSE 1 MET", "a NEXT_RESPONSE 2 MET",
                                         "a RESOLUTION 1 MET", "a RESOLUTION 2 MET",
                                         "b FIRST_RESPONSE 1 MISSED", "b NEXT_RESPONSE 1 null", "b RESOLUTION 1 null");
        Map<String, Object> bResolution = rows.get(7);
        assertThat(bResolution).containsEntry("priority", "P3").containsEntry("paused", false);
        assertThat(bResolution.get("due_at")).isNotNull();
    }

    @Test
    void batchesOfAnySizeWriteTheRowsThatOneEventAtATimeWrites() {
        List<EventMessage<?>> history = history();
        for (EventMessage<?> message : history) {
            DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> projection.handle(message));
        }
        List<Map<String, Object>> expected = jdbc.queryForList(ROWS);
        assertThat(expected).hasSize(8);
        for (int size : new int[]{history.size(), 7, 2}) {
            projection.prepareReset();
            for (int from = 0; from < history.size(); from += size) {
                BatchingUnitOfWork<EventMessage<?>> batch =
                        new BatchingUnitOfWork<>(history.subList(from, Math.min(history.size(), from + size)));
                batch.executeWithResult(() -> projection.handle(batch.getMessage()));
            }
            assertThat(jdbc.queryForList(ROWS)).as("batches of %d", size).isEqualTo(expected);
        }
    }

    /** What the aggregate records for a customer message on a resolved ticket: the message, then the reopening. */
    @Test
    void aCustomerMessageThatReopensAResolvedTicketStartsEachClockOnce() {
        List<Object> events = List.of(
                new TicketOpened("c", "cy@example.com", "Cy", ContactChannel.EMAIL, "s", "b", 5, Priority.P2),
                new AgentReplied("c", "kim", "hello", true),
                new TicketResolved("c", "done", "kim"),
                new CustomerMessageReceived("c", "m1", "not done"),
                new TicketReopened("c", "customer replied", "customer"));
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericEventMessage<>(UUID.randomUUID().toString(), events.get(i), Map.of(),
                                                   T0.plusSeconds(60L * i)));
        }
        for (int size : new int[]{1, 2, messages.size()}) {
            projection.prepareReset();
            for (int from = 0; from < messages.size(); from += size) {
                BatchingUnitOfWork<EventMessage<?>> batch =
                        new BatchingUnitOfWork<>(messages.subList(from, Math.min(messages.size(), from + size)));
                batch.executeWithResult(() -> projection.handle(batch.getMessage()));
            }
            assertThat(jdbc.queryForList(ROWS))
                    .as("batches of %d", size)
                    .extracting(r -> r.get("target") + " " + r.get("cycle") + " " + r.get("outcome")
                                     + " " + ((Timestamp) r.get("started_at")).toInstant())
                    .containsExactly("FIRST_RESPONSE 1 MET " + T0,
                                     "NEXT_RESPONSE 1 null " + T0.plusSeconds(180),
                                     "RESOLUTION 1 MET " + T0, "RESOLUTION 2 null " + T0.plusSeconds(240));
        }
    }

    @Test
    void aTicketHasOneOpenClockPerTargetAndStatementsFindItByTicketAndTarget() {
        jdbc.update("INSERT INTO readmodel.sla_clock (ticket_id, target, cycle, started_at) VALUES ('t', 'RESOLUTION', 1, now())");
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO readmodel.sla_clock (ticket_id, target, cycle, started_at) VALUES ('t', 'RESOLUTION', 2, now())"))
                .isInstanceOf(DataIntegrityViolationException.class);
        jdbc.update("UPDATE readmodel.sla_clock SET outcome = 'MET', stopped_at = now() WHERE ticket_id = 't'");
        jdbc.update("INSERT INTO readmodel.sla_clock (ticket_id, target, cycle, started_at) VALUES ('t', 'RESOLUTION', 2, now())");

        // The plan a connection keeps for a statement it runs often is made without the values; made while the
        // table is new, it used to scan every running clock by due time for each update.
        String plan = jdbc.execute((ConnectionCallback<String>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("""
                        PREPARE set_clock(timestamptz, varchar, varchar) AS UPDATE readmodel.sla_clock
                        SET due_at = $1 WHERE ticket_id = $2 AND target = $3 AND outcome IS NULL""");
                try (var result = statement.executeQuery("EXPLAIN EXECUTE set_clock(now(), 't', 'RESOLUTION')")) {
                    StringBuilder lines = new StringBuilder();
                    while (result.next()) {
                        lines.append(result.getString(1)).append('\n');
                    }
                    return lines.toString();
                }
            }
        });
        assertThat(plan).contains("Index Scan using sla_clock_open");
    }
}
