package io.helpdesk.command.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.command.CommandApplication;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Round-robin routing with capacity, on two command-app instances sharing one database: tickets queued through
 * both at once are each given out once, to ONLINE agents of the team with the skills, never beyond an agent's
 * capacity; the rest wait and are given out when a slot frees up.
 */
class RoutingTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = start("--helpdesk.routing.sweep=2s");
        second = start("--helpdesk.routing.sweep=2s");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static ConfigurableApplicationContext start(String... own) {
        String[] args = Stream.of(Stream.of(DATABASE.args()), Stream.of("--server.port=0"), Stream.of(own))
                              .flatMap(s -> s).toArray(String[]::new);
        return CommandApplication.application().run(args);
    }

    private static WebTestClient http(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                            .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
                            .build();
    }

    private static JsonNode call(ConfigurableApplicationContext app, String user, Role role, HttpMethod method,
                                 String uri, Object body, int status) {
        var request = http(app).method(method).uri(uri).headers(TestTokens.as(user, role))
                               .contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JdbcTemplate jdbc() {
        return first.getBean(JdbcTemplate.class);
    }

    private static Map<String, Integer> loads() {
        Map<String, Integer> loads = new java.util.TreeMap<>();
        for (JsonNode agent : call(first, "lead", Role.MANAGER, HttpMethod.GET, "/api/agents", null, 200)) {
            loads.put(agent.path("agentId").asText(), agent.path("assigned").asInt());
        }
        return loads;
    }

    private static String assigneeOf(String ticket) {
        return jdbc().queryForObject("SELECT assignee FROM command.routing_ticket WHERE ticket_id = ?", String.class,
                                     ticket);
    }

    private static long assignments(String ticket) {
        return jdbc().queryForObject("""
                SELECT count(*) FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TicketAssigned'""", Long.class, ticket);
    }

    @Test
    void tickets_queued_on_two_instances_at_once_go_round_robin_within_capacity_and_wait_for_a_free_slot()
            throws Exception {
        for (String agent : List.of("ana", "bo")) {
            call(first, "lead", Role.MANAGER, HttpMethod.PUT, "/api/agents/" + agent,
                 Map.of("teams", List.of("support"), "skills", List.of("en"), "capacity", 2), 200);
        }
        call(second, "lead", Role.MANAGER, HttpMethod.PUT, "/api/agents/cy",
             Map.of("teams", List.of("support"), "skills", List.of("es"), "capacity", 5), 200);
        call(first, "ana", Role.AGENT, HttpMethod.PUT, "/api/agents/bo/availability",
             Map.of("availability", "ONLINE"), 403);
        for (String agent : List.of("ana", "bo", "cy")) {
            call(second, agent, Role.AGENT, HttpMethod.PUT, "/api/agents/" + agent + "/availability",
                 Map.of("availability", "ONLINE"), 200);
        }

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String>> routed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ConfigurableApplicationContext app = i % 2 == 0 ? first : second;
            int n = i;
            routed.add(CompletableFuture.supplyAsync(() -> {
                String ticket = call(app, "desk", Role.AGENT, HttpMethod.POST, "/api/tickets",
                                     Map.of("customerEmail", "c" + n + "@example.com", "channel", "EMAIL",
                                            "subject", "Order " + n, "body", "Where is it?"), 201)
                        .path("ticketId").asText();
                call(app, "desk", Role.AGENT, HttpMethod.POST, "/api/tickets/" + ticket + "/route",
                     Map.of("team", "support", "skills", List.of("en")), 200);
                return ticket;
            }, clients));
        }
        List<String> tickets = routed.stream().map(CompletableFuture::join).toList();
        clients.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.stream().filter(t -> assigneeOf(t) != null).count()
                == 4);
        assertThat(loads()).containsEntry("ana", 2).containsEntry("bo", 2).containsEntry("cy", 0);
        assertThat(tickets).allSatisfy(ticket -> assertThat(assignments(ticket)).isLessThanOrEqualTo(1));
        assertThat(tickets.stream().mapToLong(RoutingTest::assignments).sum()).isEqualTo(4);

        // A slot frees up: the longest-waiting ticket goes to the agent who has it, and only one does.
        String anas = tickets.stream().filter(t -> "ana".equals(assigneeOf(t))).findFirst().orElseThrow();
        long freed = System.nanoTime();
        call(second, "ana", Role.AGENT, HttpMethod.POST, "/api/tickets/" + anas + "/resolve",
             Map.of("resolution", "sent"), 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
               .until(() -> loads().get("ana") == 2);
        System.out.printf("routing: a freed slot was filled after %d ms%n", (System.nanoTime() - freed) / 1_000_000);
        assertThat(tickets.stream().filter(t -> assigneeOf(t) != null).count()).isEqualTo(5);

        // Away agents get nothing; back online, they get the next ticket.
        call(first, "bo", Role.AGENT, HttpMethod.PUT, "/api/agents/bo/availability", Map.of("availability", "AWAY"),
             200);
        String bos = tickets.stream().filter(t -> "bo".equals(assigneeOf(t))).findFirst().orElseThrow();
        call(first, "bo", Role.AGENT, HttpMethod.POST, "/api/tickets/" + bos + "/resolve",
             Map.of("resolution", "sent"), 200);
        assertThat(loads().get("bo")).isEqualTo(1);
        call(first, "bo", Role.AGENT, HttpMethod.PUT, "/api/agents/bo/availability",
             Map.of("availability", "ONLINE"), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> loads().get("bo") == 2);
        assertThat(IntStream.range(0, tickets.size()).mapToLong(i -> assignments(tickets.get(i))).max().orElse(0))
                .isEqualTo(1);
    }
}
