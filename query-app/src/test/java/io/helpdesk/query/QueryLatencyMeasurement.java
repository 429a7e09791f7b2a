package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Latency of the main queries over a store of 100,000 events (20,000 tickets of 5 events, a month of
 * history). Prints figures; asserts only that the answers are complete. Run with
 * {@code ./mvnw -pl query-app -am verify -DexcludedGroups= -Dtest=QueryLatencyMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("measurement")
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "spring.config.name=query-app")
class QueryLatencyMeasurement {

    private static final int TICKETS = 20_000;
    private static final String[] AGENTS = {"ana", "bo", "cy", "dee", "eve", "fay", "gus", "hal"};

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processors;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void main_queries_over_one_hundred_thousand_events() throws Exception {
        long seedStart = System.nanoTime();
        seed();
        long seeded = System.nanoTime();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> CaughtUp.with(
                processors, head, "inbox", "sla", "analytics", "notifications", "channels"));
        long caughtUp = System.nanoTime();
        System.out.printf("seeded %d events in %.1f s; five read models caught up in %.1f s (%.0f events/s each)%n",
                          head, (seeded - seedStart) / 1e9, (caughtUp - seeded) / 1e9, head / ((caughtUp - seeded) / 1e9));

        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("inbox first page", "/api/inbox?limit=50");
        queries.put("inbox by SLA due", "/api/inbox?sort=sla&status=OPEN&limit=50");
        queries.put("inbox mine, activity", "/api/inbox?view=mine&sort=activity&limit=50");
        queries.put("inbox text search", "/api/inbox?q=customer%2012345&limit=50");
        queries.put("ticket detail", "/api/tickets/t-777");
        queries.put("FRT by agent", "/api/analytics/response-times?metric=first-response&by=agent");
        queries.put("volume by day", "/api/analytics/volume?by=day");
        queries.put("CSAT by agent", "/api/analytics/csat?by=agent");
        queries.put("SLA compliance by priority", "/api/sla/compliance?groupBy=priority");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + query.getValue()))
                                             .header("Authorization", "Bearer " + TestTokens.token("ana", java.util.Set.of(io.helpdesk.security.Role.AGENT), java.util.List.of())).build();
            for (int i = 0; i < 230; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(query.getKey()).isEqualTo(200);
                if (i >= 30) {
                    micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                }
            }
            System.out.printf("%-28s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", query.getKey(),
                              micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                              micros.getMaxValue() / 1000.0);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.ticket_fact", Long.class)).isEqualTo(TICKETS);
    }

    private void seed() {
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int t = 0; t < TICKETS; t++) {
            String id = "t-" + t;
            Instant opened = start.plusSeconds(t * 130L);
            String agent = AGENTS[t % AGENTS.length];
            Priority priority = Priority.values()[t % 4];
            batch.add(event(id, 0, opened, new TicketOpened(id, "c" + t + "@example.com", "Customer " + t,
                                                            ContactChannel.values()[t % 8], "Subject " + t, "Body",
                                                            null, priority)));
            batch.add(event(id, 1, opened.plusSeconds(60), new TicketAssigned(id, agent, "team-" + (t % 3), null)));
            batch.add(event(id, 2, opened.plusSeconds(300 + t % 5000), new AgentReplied(id, agent, "Hi", true)));
            if (t % 5 != 0) {
                batch.add(event(id, 3, opened.plusSeconds(7200 + t % 20000), new TicketResolved(id, "done", agent)));
                batch.add(event(id, 4, opened.plusSeconds(9000 + t % 20000), new SatisfactionRated(id, 1 + t % 5, null)));
            } else {
                batch.add(event(id, 3, opened.plusSeconds(600), new TicketAssigned(id, "hal", "team-0", agent)));
                batch.add(event(id, 4, opened.plusSeconds(900), new AgentReplied(id, "hal", "More", false)));
            }
            if (batch.size() >= 1000) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        eventStore.publish(batch);
    }

    private static DomainEventMessage<?> event(String id, long sequence, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", id, sequence, payload, Map.of(), UUID.randomUUID().toString(), at);
    }
}
