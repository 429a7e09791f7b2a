package io.helpdesk.query.readmodels;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.CaughtUp;
import io.helpdesk.query.QueryAppTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox's SLA order (earliest running deadline, then priority, then ticket id; tickets without a running
 * deadline last) over a queue with many equal deadlines, paused and stopped clocks and tickets without any,
 * paged with every page size from one up: each walk must list exactly the order worked out here from the SLA
 * clocks themselves, whichever way the endpoint finds a page.
 */
@QueryAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaOrderTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processors;

    private long head;

    /**
     * Office hours are Monday to Friday 09:00-17:00 UTC, P0 runs 24/7 (2026-11-02 is a Monday). Tickets opened
     * on Sunday evening share their deadlines: P1 first response Monday 10:00, P2 Monday 13:00, P3 and P1
     * resolution Monday 17:00; those opened on Monday morning a minute apart have deadlines of their own.
     */
    @BeforeAll
    void history() {
        History history = new History(eventStore).at("2026-11-01T20:00:00Z");
        Priority[] priorities = {Priority.P1, Priority.P2, Priority.P3, Priority.P0};
        for (int i = 0; i < 24; i++) {
            String id = "sun-" + (char) ('a' + (i * 7) % 24);
            history.ticket(id, opened(id, priorities[i % priorities.length]));
        }
        // More P3 tickets at Monday 17:00, whose ids sort before those of the P1 tickets due then.
        for (String id : List.of("sun-3a", "sun-3b", "sun-3c", "sun-3d")) {
            history.ticket(id, opened(id, Priority.P3));
        }
        for (int i = 0; i < 12; i++) {
            history.at("2026-11-02T09:%02d:00Z".formatted(10 + i));
            String id = "mon-" + i;
            history.ticket(id, opened(id, i % 2 == 0 ? Priority.P1 : Priority.P2));
        }
        history.at("2026-11-02T09:30:00Z")
               .ticket("sun-c", new AgentReplied("sun-c", "ana", "On it", true))
               .ticket("sun-q", new AgentReplied("sun-q", "ana", "On it", true))
               .ticket("sun-u", new AgentReplied("sun-u", "ana", "On it", true))
               .ticket("sun-o", new TicketPriorityChanged("sun-o", Priority.P3, Priority.P1, "VIP", "lead"))
               .ticket("sun-d", new TicketMarkedPending("sun-d", "waiting for the customer", "ana"))
               .ticket("mon-3", new TicketResolved("mon-3", "done", "ana"))
               .ticket("mon-4", new TicketMarkedPending("mon-4", "waiting for the customer", "ana"));
        head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        // Both tests read the clocks and inbox rows straight from the tables: wait until both models hold the
        // whole history, whichever test runs first.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
               .until(() -> CaughtUp.with(processors, head, "inbox", "sla"));
    }

    private static TicketOpened opened(String id, Priority priority) {
        return new TicketOpened(id, id + "@example.com", null, ContactChannel.EMAIL, "Help " + id, "...", 5, priority);
    }

    @Test
    void every_page_size_walks_the_sla_order_of_the_clocks() {
        for (String filter : List.of("", "&status=OPEN", "&priority=P1", "&status=PENDING")) {
            List<String> expected = expected(filter);
            for (int limit = 1; limit <= expected.size() + 1; limit++) {
                assertThat(walk(filter, limit)).as("filter %s, pages of %d", filter, limit).isEqualTo(expected);
            }
        }
    }

    @Test
    void the_worked_out_order_is_the_one_the_policy_gives() {
        List<String> all = expected("");
        assertThat(all).hasSize(40);
        // The six P0 tickets opened on Sunday at 20:00 are due at 20:15 that evening: first, by ticket id.
        assertThat(all.subList(0, 6)).containsExactly("sun-b", "sun-f", "sun-j", "sun-n", "sun-r", "sun-v");
        // Sunday's P1 tickets (first response due Monday 10:00), sun-o among them since it became P1, come
        // before mon-0 (opened 09:10, due 10:10). sun-q and sun-u have had their first response.
        assertThat(all.subList(6, 12)).containsExactly("sun-a", "sun-e", "sun-i", "sun-m", "sun-o", "mon-0");
        // At Monday 17:00 the P1 resolutions of sun-q and sun-u come before the P3 first responses.
        int fivePm = all.indexOf("sun-q");
        assertThat(all.subList(fivePm, fivePm + 10)).containsExactly("sun-q", "sun-u", "sun-3a", "sun-3b", "sun-3c",
                                                                     "sun-3d", "sun-g", "sun-k", "sun-s", "sun-w");
        // mon-3 is resolved: no running clock, so it is among the last.
        assertThat(all.indexOf("mon-3")).isGreaterThan(all.indexOf("mon-11"));
    }

    /** The order from the SLA clocks and the inbox rows as stored, computed here rather than by the endpoint. */
    private List<String> expected(String filter) {
        Map<String, Instant> due = new HashMap<>();
        jdbc.query("SELECT ticket_id, due_at FROM readmodel.sla_clock "
                           + "WHERE outcome IS NULL AND NOT paused AND due_at IS NOT NULL", row -> {
            Instant at = row.getTimestamp("due_at").toInstant();
            due.merge(row.getString("ticket_id"), at, (a, b) -> a.isBefore(b) ? a : b);
        });
        record Row(String id, String priority, String status, Instant due) {
        }
        List<Row> rows = new ArrayList<>();
        jdbc.query("SELECT ticket_id, priority, status FROM readmodel.inbox_ticket", row -> {
            String id = row.getString("ticket_id");
            rows.add(new Row(id, row.getString("priority"), row.getString("status"),
                             due.getOrDefault(id, Instant.MAX)));
        });
        return rows.stream()
                   .filter(row -> !filter.contains("status=") || filter.endsWith("status=" + row.status()))
                   .filter(row -> !filter.contains("priority=") || filter.endsWith("priority=" + row.priority()))
                   .sorted(Comparator.comparing(Row::due).thenComparing(Row::priority).thenComparing(Row::id))
                   .map(Row::id)
                   .toList();
    }

    private List<String> walk(String filter, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get().uri("/api/inbox?sort=sla&limit=" + limit + filter
                                                   + (cursor == null ? "" : "&cursor=" + cursor))
                                .header("X-Min-Position", String.valueOf(head))
                                .headers(TestTokens.as("bo", "billing"))
                                .exchange()
                                .expectStatus().isOk()
                                .expectHeader().doesNotExist("X-Read-Model-Stale")
                                .expectBody(JsonNode.class).returnResult().getResponseBody();
            page.path("items").forEach(item -> seen.add(item.path("ticketId").asText()));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null && seen.size() <= 100);
        return seen;
    }
}
