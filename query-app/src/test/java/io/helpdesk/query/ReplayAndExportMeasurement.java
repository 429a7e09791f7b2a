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
import io.helpdesk.query.admin.RebuildService;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
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

import java.io.InputStream;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuild speed of the analytics read model over 1,000,000 events beside a raw scan of the event table, and
 * the audit export's rate and heap. Prints figures. Run with
 * {@code ./mvnw -pl query-app -am verify -DexcludedGroups= -Dtest=ReplayAndExportMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("measurement")
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=query-app", "helpdesk.rebuild.stall-timeout=120s"})
class ReplayAndExportMeasurement {

    private static final int TICKETS = 200_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processors;

    @Autowired
    RebuildService rebuilds;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void rebuild_and_export_one_million_events() throws Exception {
        // Only the rebuild processes: the live read models stay stopped while the history is written.
        processors.eventProcessors().values().forEach(EventProcessor::shutDown);
        long seedStart = System.nanoTime();
        seed();
        long events = jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry", Long.class);
        System.out.printf("seeded %d events in %.1f s%n", events, (System.nanoTime() - seedStart) / 1e9);

        long scanStart = System.nanoTime();
        long scanned = 0;
        try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement scan = connection.prepareStatement(
                    "SELECT payload FROM eventstore.domain_event_entry ORDER BY global_index")) {
                scan.setFetchSize(10_000);
                try (java.sql.ResultSet rs = scan.executeQuery()) {
                    while (rs.next()) {
                        rs.getBytes(1);
                        scanned++;
                    }
                }
            }
            connection.rollback();
        }
        double scanRate = scanned / ((System.nanoTime() - scanStart) / 1e9);
        System.out.printf("raw scan of the event table: %.0f events/s%n", scanRate);

        RebuildService.Progress started = rebuilds.start("analytics", false);
        RebuildService.Progress done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rebuilds.progress(started.id()), p -> p.state() == RebuildService.State.DONE
                        || p.state() == RebuildService.State.FAILED);
        double seconds = Duration.between(done.startedAt(), done.finishedAt()).toMillis() / 1000.0;
        System.out.printf("rebuild of analytics: %s, %d events in %.1f s = %.0f events/s (%.2f of the raw scan)%n",
                          done.state(), done.done(), seconds, done.done() / seconds, done.done() / seconds / scanRate);

        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long exportStart = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/events"))
                           .header("Authorization", TestTokens.defaultBearer()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
        sampler.interrupt();
        System.out.printf("audit export: %d records, %.0f MB in %.1f s = %.0f events/s; heap used %d MB before, "
                                  + "peak %d MB during (whole JVM, max heap %d MB)%n",
                          lines - 1, bytes / 1e6, exportSeconds, (lines - 1) / exportSeconds,
                          baseline >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
        assertThat(done.state()).isEqualTo(RebuildService.State.DONE);
        assertThat(lines - 1).isEqualTo(events);
    }

    private void seed() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int t = 0; t < TICKETS; t++) {
            String id = "t-" + t;
            Instant opened = start.plusSeconds(t * 60L);
            String agent = "agent-" + (t % 40);
            batch.add(event(id, 0, opened, new TicketOpened(id, "c" + t + "@example.com", "Customer " + t,
                                                            ContactChannel.values()[t % 8], "Subject " + t, "Body",
                                                            null, Priority.values()[t % 4])));
            batch.add(event(id, 1, opened.plusSeconds(60), new TicketAssigned(id, agent, "team-" + (t % 5), null)));
            batch.add(event(id, 2, opened.plusSeconds(300 + t % 5000), new AgentReplied(id, agent, "Hi", true)));
            batch.add(event(id, 3, opened.plusSeconds(7200 + t % 20000), new TicketResolved(id, "done", agent)));
            batch.add(event(id, 4, opened.plusSeconds(9000 + t % 20000), new SatisfactionRated(id, 1 + t % 5, null)));
            if (batch.size() >= 5000) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        eventStore.publish(batch);
    }

    private static DomainEventMessage<?> event(String id, long sequence, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", id, sequence, payload, Map.of("user", "bench"),
                                               UUID.randomUUID().toString(), at);
    }
}
