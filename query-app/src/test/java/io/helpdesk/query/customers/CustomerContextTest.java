package io.helpdesk.query.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.query.readmodels.History;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket view asks a real HTTP commerce API (a stub on this machine) and survives its failures. */
@QueryAppTest
class CustomerContextTest {

    private static final AtomicInteger calls = new AtomicInteger();
    private static final AtomicBoolean down = new AtomicBoolean();
    private static final HttpServer commerce = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/customers", exchange -> {
                calls.incrementAndGet();
                String query = exchange.getRequestURI().getQuery();
                String path = exchange.getRequestURI().getPath();
                String body;
                int status = 200;
                if (down.get()) {
                    status = 500;
                    body = "{}";
                } else if (path.endsWith("/orders")) {
                    body = "[{\"id\":\"o-1\",\"total\":42.5},{\"id\":\"o-2\",\"total\":7}]";
                } else if (query != null && query.contains("ana%40example.com") || query != null && query.contains("ana@example.com")) {
                    body = "{\"id\":\"c-7\",\"name\":\"Ana Gold\"}";
                } else {
                    status = 404;
                    body = "{}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
        registry.add("helpdesk.commerce.base-url", () -> "http://127.0.0.1:" + commerce.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        commerce.stop(0);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode ticket(String id) {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        return http.get().uri("/api/tickets/{id}", id).header("X-Min-Position", String.valueOf(head)).exchange()
                   .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void the_ticket_view_shows_the_customer_and_their_orders_cached_and_works_when_the_shop_is_down() {
        new History(eventStore).at("2026-11-02T09:00:00Z")
                               .ticket("k1", new TicketOpened("k1", "ana@example.com", "Ana", ContactChannel.EMAIL,
                                                              "Where is o-1?", "...", 5, Priority.P2))
                               .ticket("k2", new TicketOpened("k2", "zed@example.com", "Zed", ContactChannel.EMAIL,
                                                              "Hi", "...", 5, Priority.P2))
                               .ticket("k3", new TicketOpened("k3", "eve@example.com", "Eve", ContactChannel.EMAIL,
                                                              "Hi", "...", 5, Priority.P2));
        JsonNode customer = ticket("k1").path("customer");
        assertThat(customer.path("status").asText()).isEqualTo("OK");
        assertThat(customer.path("name").asText()).isEqualTo("Ana Gold");
        assertThat(customer.path("recentOrders")).hasSize(2);
        int afterFirst = calls.get();
        assertThat(ticket("k1").path("customer").path("status").asText()).isEqualTo("OK");
        assertThat(calls.get()).as("served from the cache").isEqualTo(afterFirst);

        assertThat(ticket("k2").path("customer").path("status").asText()).isEqualTo("UNKNOWN_CUSTOMER");

        down.set(true);
        JsonNode whileDown = ticket("k3");
        assertThat(whileDown.path("subject").asText()).isEqualTo("Hi");
        assertThat(whileDown.path("customer").path("status").asText()).isEqualTo("UNAVAILABLE");
        // Known customers stay visible from the cache meanwhile.
        assertThat(ticket("k1").path("customer").path("status").asText()).isEqualTo("OK");
        down.set(false);
        assertThat(ticket("k3").path("customer").path("status").asText()).isEqualTo("UNKNOWN_CUSTOMER");
    }
}
