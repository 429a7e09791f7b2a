package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandToInboxTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create());
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    @Test
    void a_ticket_opened_on_command_app_appears_in_query_apps_inbox() {
        String id = open("ana@example.com", "Refund please", 7);

        JsonNode ticket = awaitTicket(id, t -> true);
        assertThat(ticket.path("subject").asText()).isEqualTo("Refund please");
        assertThat(ticket.path("customerEmail").asText()).isEqualTo("ana@example.com");
        assertThat(ticket.path("priority").asText()).isEqualTo("P1");
        assertThat(ticket.path("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(ticket.path("assignee").isNull()).isTrue();
    }

    @Test
    void assignment_and_replies_show_in_the_ticket_and_restarting_query_app_applies_no_event_twice() {
        String id = open("bo@example.com", "Cannot log in", null);
        post("/api/tickets/{id}/assignment", id, Map.of("assignee", "agent-1", "team", "access"));
        post("/api/tickets/{id}/replies", id, Map.of("body", "Try resetting"));
        post("/api/tickets/{id}/replies", id, Map.of("body", "Did it work?"));

        JsonNode before = awaitTicket(id, t -> t.path("replyCount").asInt() == 2);
        assertThat(before.path("assignee").asText()).isEqualTo("agent-1");
        assertThat(before.path("team").asText()).isEqualTo("access");
        assertThat(before.path("firstResponseAt").asText()).isNotBlank();

        apps.restartQueryApp();
        // A ticket opened after the restart shows the processors have caught up past everything before it.
        String later = open("cy@example.com", "After restart", 2);
        awaitTicket(later, t -> true);

        JsonNode after = ticket(id);
        assertThat(after.path("replyCount").asInt()).isEqualTo(2);
        assertThat(after.path("firstResponseAt").asText()).isEqualTo(before.path("firstResponseAt").asText());
        assertThat(after.path("lastActivityAt").asText()).isEqualTo(before.path("lastActivityAt").asText());
    }

    @Test
    void the_inbox_pages_by_priority_then_age_and_filters_by_status_and_assignee() {
        String team = "team-" + UUID.randomUUID();
        String p3 = open("p3@example.com", "low", 1);
        String p0 = open("p0@example.com", "outage", 10);
        String p2 = open("p2@example.com", "question", 5);
        String p0Later = open("p0b@example.com", "outage again", 9);
        for (String id : List.of(p3, p0, p2, p0Later)) {
            post("/api/tickets/{id}/assignment", id, Map.of("assignee", team));
        }
        post("/api/tickets/{id}/close", p2, Map.of());
        awaitTicket(p2, t -> t.path("status").asText().equals("CLOSED"));
        awaitTicket(p3, t -> team.equals(t.path("assignee").asText()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/inbox?assignee=" + team + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = get(uri);
            page.path("items").forEach(item -> seen.add(item.path("ticketId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly(p0, p0Later, p2, p3);
        assertThat(pages).isEqualTo(2);

        JsonNode closed = get("/api/inbox?assignee=" + team + "&status=closed");
        assertThat(closed.path("items")).hasSize(1);
        assertThat(closed.path("items").get(0).path("ticketId").asText()).isEqualTo(p2);
    }

    @Test
    void status_priority_and_unassignment_reach_the_inbox() {
        String id = open("eve@example.com", "Where is my parcel", 2);
        post("/api/tickets/{id}/assignment", id, Map.of("assignee", "agent-5"));
        apps.commands().post().uri("/api/tickets/{id}/pending", id).headers(TestTokens.as("agent-5"))
            .exchange().expectStatus().isOk();
        apps.commands().put().uri("/api/tickets/{id}/priority", id).headers(TestTokens.as("lead-1"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("priority", "P1", "reason", "VIP"))
            .exchange().expectStatus().isOk();
        apps.commands().delete().uri("/api/tickets/{id}/assignment", id).headers(TestTokens.as("lead-1"))
            .exchange().expectStatus().isOk();

        JsonNode ticket = awaitTicket(id, t -> t.path("assignee").isNull() && t.path("priority").asText().equals("P1"));
        assertThat(ticket.path("status").asText()).isEqualTo("PENDING");
        assertThat(ticket.path("team").isNull()).isTrue();
    }

    @Test
    void a_query_that_names_the_commands_position_sees_the_command_without_polling() {
        var created = openWithPosition("ryw@example.com", "Now");
        String position = created.getResponseHeaders().getFirst("X-Event-Position");
        assertThat(position).isNotBlank();
        String id = created.getResponseBody().path("ticketId").asText();
        assertThat(Long.parseLong(position)).isEqualTo(lastPositionOf(id));
        apps.queries().get().uri("/api/tickets/{id}", id).header("X-Min-Position", position)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().doesNotExist("X-Read-Model-Stale")
            .expectBody().jsonPath("$.subject").isEqualTo("Now");
    }

    @Test
    void a_query_waits_for_the_commands_own_events_not_for_other_writers_gaps_below_them() {
        // A position taken and never committed below the command's events: another client's transaction still
        // in flight, or one rolled back. The read models keep it as an open gap for a while.
        apps.jdbc().queryForObject("SELECT nextval('eventstore.domain_event_entry_global_index_seq')", Long.class);
        var created = openWithPosition("gap@example.com", "Past a gap");
        String id = created.getResponseBody().path("ticketId").asText();
        String position = created.getResponseHeaders().getFirst("X-Event-Position");
        assertThat(Long.parseLong(position)).isEqualTo(lastPositionOf(id));

        apps.queries().get().uri("/api/tickets/{id}", id).header("X-Min-Position", position)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().doesNotExist("X-Read-Model-Stale")
            .expectBody().jsonPath("$.subject").isEqualTo("Past a gap");
        // A position no read model has reached is still waited for, and answered as stale when the wait runs out.
        apps.queries().get().uri("/api/tickets/{id}", id).header("X-Min-Position", String.valueOf(Long.parseLong(position) + 1000))
            .exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals("X-Read-Model-Stale", "true");
    }

    @Test
    void queries_waiting_at_once_are_each_answered_once_their_own_position_is_processed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, CompletableFuture<HttpResponse<String>>> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            var created = openWithPosition("many-" + i + "@example.com", "Waiting " + i);
            String id = created.getResponseBody().path("ticketId").asText();
            HttpRequest read = HttpRequest.newBuilder(URI.create(apps.queryUrl() + "/api/tickets/" + id))
                                          .header("Authorization", TestTokens.defaultBearer())
                                          .header("X-Min-Position", created.getResponseHeaders().getFirst("X-Event-Position"))
                                          .build();
            answers.put("Waiting " + i, http.sendAsync(read, HttpResponse.BodyHandlers.ofString()));
        }
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : answers.entrySet()) {
            HttpResponse<String> response = answer.getValue().get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Read-Model-Stale")).isEmpty();
            assertThat(response.body()).contains("\"subject\":\"" + answer.getKey() + "\"");
        }
    }

    private static EntityExchangeResult<JsonNode> openWithPosition(String customerEmail, String subject) {
        return apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("customerEmail", customerEmail, "channel", "WEB", "subject", subject,
                                     "body", "..."))
                   .exchange()
                   .expectStatus().isCreated()
                   .expectBody(JsonNode.class).returnResult();
    }

    private static long lastPositionOf(String aggregateId) {
        return apps.jdbc().queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry "
                                                  + "WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    @Test
    void the_query_api_is_described_by_openapi_and_refuses_bad_parameters() {
        apps.queries().get().uri("/v3/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.paths['/api/inbox'].get").exists()
            .jsonPath("$.paths['/api/sla/compliance'].get").exists()
            .jsonPath("$.paths['/api/analytics/response-times'].get").exists();
        for (String uri : List.of("/api/sla/compliance?groupBy=moon", "/api/analytics/response-times?metric=speed",
                                  "/api/analytics/volume?from=yesterday", "/api/inbox?view=everything",
                                  "/api/inbox?sort=random", "/api/sla/at-risk?at=noon",
                                  "/api/analytics/backlog?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")) {
            apps.queries().get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        apps.queries().get().uri("/api/channels/nope/messages").headers(TestTokens.as("ana")).exchange()
            .expectStatus().isNotFound();
    }

    @Test
    void the_unassigned_queue_lists_only_tickets_without_an_assignee() {
        String id = open("dee@example.com", "Unassigned one", 3);
        awaitTicket(id, t -> true);
        JsonNode page = get("/api/inbox?assignee=&limit=200");
        page.path("items").forEach(item -> assertThat(item.path("assignee").isNull()).isTrue());
    }

    @Test
    void bad_queries_are_400_problems_and_unknown_tickets_404() {
        for (String uri : List.of("/api/inbox?limit=0", "/api/inbox?limit=201", "/api/inbox?status=SLEEPING",
                                  "/api/inbox?cursor=bm9wZQ", "/api/inbox?limit=abc")) {
            apps.queries().get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        apps.queries().get().uri("/api/tickets/{id}", "missing").exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void analytics_figures_are_computed_once_per_change_of_the_read_model_and_follow_every_change() {
        String volume = "/api/analytics/volume?by=channel";
        long before = emailTickets(get(volume));
        double hitsBefore = cacheHits();

        assertThat(emailTickets(get(volume))).isEqualTo(before);
        assertThat(emailTickets(get(volume))).isEqualTo(before);
        // Unless the read model moved in between (another ticket processed), both repeats were answered from memory.
        assertThat(cacheHits()).isGreaterThan(hitsBefore);

        awaitTicket(open("figures@example.com", "Counted", 5), t -> true);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
               .until(() -> emailTickets(get(volume)), count -> count == before + 1);
    }

    private static long emailTickets(JsonNode volume) {
        for (JsonNode row : volume) {
            if (row.path("key").asText().equals("EMAIL")) {
                return row.path("tickets").asLong();
            }
        }
        return 0;
    }

    private static double cacheHits() {
        JsonNode metric = apps.queries().get()
                              .uri("/actuator/metrics/cache.gets?tag=cache:read-model-figures&tag=result:hit")
                              .headers(TestTokens.as("admin", io.helpdesk.security.Role.ADMIN))
                              .exchange()
                              .expectStatus().isOk()
                              .expectBody(JsonNode.class).returnResult().getResponseBody();
        return metric.path("measurements").path(0).path("value").asDouble();
    }

    private static String open(String email, String subject, Integer importance) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "customerEmail", email, "channel", "EMAIL", "subject", subject, "body", "..."));
        if (importance != null) {
            body.put("importance", importance);
        }
        JsonNode created = apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(body)
                               .exchange()
                               .expectStatus().isCreated()
                               .expectBody(JsonNode.class).returnResult().getResponseBody();
        return created.path("ticketId").asText();
    }

    private static void post(String uri, String id, Map<String, ?> body) {
        apps.commands().post().uri(uri, id).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange()
            .expectStatus().is2xxSuccessful();
    }

    private static JsonNode get(String uri) {
        return apps.queries().get().uri(uri).exchange()
                   .expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode ticket(String id) {
        return get("/api/tickets/" + id);
    }

    private static JsonNode awaitTicket(String id, java.util.function.Predicate<JsonNode> until) {
        WebTestClient queries = apps.queries();
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                      .until(() -> {
                          var result = queries.get().uri("/api/tickets/{id}", id).exchange()
                                              .expectBody(JsonNode.class).returnResult();
                          return result.getStatus().is2xxSuccessful() ? result.getResponseBody() : null;
                      }, ticket -> ticket != null && until.test(ticket));
    }
}
