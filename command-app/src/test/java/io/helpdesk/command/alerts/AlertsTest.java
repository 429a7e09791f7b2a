package io.helpdesk.command.alerts;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.annotation.DirtiesContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.helpdesk.command.CommandApiTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alerts go to a real HTTP server on this machine that fails, recovers, or is down for a while. */
@TestPropertySource(properties = {"ALERT_BREAKER_OPEN=2s", "resilience4j.retry.configs.alerts.wait-duration=100ms"})
@DirtiesContext
class AlertsTest extends CommandApiTest {

    private static final List<String> delivered = new CopyOnWriteArrayList<>();
    private static final AtomicInteger attempts = new AtomicInteger();
    private static final AtomicInteger failuresToServe = new AtomicInteger();
    private static final HttpServer target = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                attempts.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean fail = failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                if (!fail) {
                    delivered.add(body);
                }
                exchange.sendResponseHeaders(fail ? 503 : 200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void alertTarget(DynamicPropertyRegistry registry) {
        registry.add("helpdesk.alerts.webhook-urls",
                     () -> "http://127.0.0.1:" + target.getAddress().getPort() + "/hook");
    }

    @AfterAll
    static void stop() {
        target.stop(0);
    }

    @Autowired
    EventProcessingConfiguration processors;

    @Autowired
    CircuitBreakerRegistry breakers;

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker("alerts-127.0.0.1:" + target.getAddress().getPort(), "alerts");
    }

    /** Each test starts with the target up, the breaker closed and no alert of an earlier test still queued. */
    @org.junit.jupiter.api.BeforeEach
    void targetUp() {
        failuresToServe.set(0);
        breaker().reset();
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        if (head != null) {
            var caughtUp = org.axonframework.eventhandling.GapAwareTrackingToken.newInstance(
                    head, java.util.Collections.emptySortedSet());
            await().atMost(Duration.ofSeconds(60)).until(() -> processors
                    .eventProcessor("alerts", StreamingEventProcessor.class).orElseThrow()
                    .processingStatus().values().stream()
                    .allMatch(status -> status.getTrackingToken() != null
                            && status.getTrackingToken().covers(caughtUp)));
        }
        breaker().reset();
    }

    private boolean deliveredAbout(String ticketId) {
        return delivered.stream().anyMatch(body -> body.contains(ticketId));
    }

    @Test
    void a_p0_ticket_is_announced_once_even_when_the_target_fails_at_first_and_low_priorities_are_not() {
        failuresToServe.set(2);
        String quiet = openTicket(2);
        String urgent = openTicket(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredAbout(urgent));
        assertThat(delivered.stream().filter(body -> body.contains(urgent))).hasSize(1);
        assertThat(delivered.get(delivered.size() - 1)).startsWith("{\"text\":\":rotating_light: P0 ticket");
        assertThat(deliveredAbout(quiet)).isFalse();
    }

    @Test
    void history_is_never_announced_again_neither_by_a_replay_nor_after_a_restart() {
        String before = openTicket(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredAbout(before));
        int sent = delivered.size();

        StreamingEventProcessor alerts = processors.eventProcessor("alerts", StreamingEventProcessor.class).orElseThrow();
        alerts.shutDown();
        // Every alert handler disallows replay, so Axon refuses to replay this processor at all.
        assertThat(alerts.supportsReset()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(alerts::resetTokens)
                                       .isInstanceOf(IllegalStateException.class);
        alerts.start();
        String after = openTicket(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredAbout(after));
        // Exactly one more: the new ticket's; the restart went on from where the processor had stopped.
        assertThat(delivered).hasSize(sent + 1);
    }

    @Test
    void a_target_that_stays_down_opens_the_breaker_and_is_tried_again_once_it_may_have_recovered() {
        failuresToServe.set(1_000);
        CircuitBreaker breaker = breaker();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            openTicket(10);
            return breaker.getState() == CircuitBreaker.State.OPEN;
        });
        failuresToServe.set(0);
        String recovered = openTicket(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (!deliveredAbout(recovered)) {
                openTicket(10);
            }
            return deliveredAbout(recovered) || breaker.getState() == CircuitBreaker.State.CLOSED;
        });
        assertThat(breaker.getState()).isIn(CircuitBreaker.State.CLOSED, CircuitBreaker.State.HALF_OPEN);
    }
}
