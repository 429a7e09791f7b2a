package io.helpdesk.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.query.ReadModelRows;
import io.helpdesk.query.readmodels.SampleWeek;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.Disposable;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QueryAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @org.springframework.beans.factory.annotation.Value("${helpdesk.dead-letters.groups}")
    java.util.List<String> deadLetterGroups;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    @BeforeAll
    void history() {
        SampleWeek.write(eventStore);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        // A path no read model claims waits for every read model.
        http.get().uri("/api/admin/processors").header("X-Min-Position", String.valueOf(head)).exchange()
            .expectStatus().isOk().expectHeader().doesNotExist("X-Read-Model-Stale");
    }

    private List<List<Map<String, Object>>> rows(String readModel) {
        return ReadModelRows.of(jdbc, readModel);
    }

    private JsonNode startRebuild(String readModel) {
        return RebuildRuns.start(http, readModel);
    }

    private JsonNode awaitEnd(String id) {
        return RebuildRuns.awaitEnd(http, id);
    }

    @Test
    void every_read_model_rebuilds_to_exactly_the_rows_it_had_without_announcing_history_again() {
        List<ServerSentEvent<String>> announced = new CopyOnWriteArrayList<>();
        Disposable stream = http.get().uri("/api/stream?topics=ticket,channel").exchange()
                                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                                }).getResponseBody().subscribe(announced::add);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !announced.isEmpty());
            for (String readModel : ReadModelRows.READ_MODELS) {
                var before = rows(readModel);
                assertThat(before.get(0)).as(readModel).isNotEmpty();
                JsonNode done = awaitEnd(startRebuild(readModel).path("id").asText());
                assertThat(done.path("state").asText()).as(readModel + ": " + done).isEqualTo("DONE");
                assertThat(done.path("done").asLong()).isEqualTo(done.path("total").asLong());
                assertThat(rows(readModel)).as(readModel).isEqualTo(before);
            }
            // The rebuilds replayed every ticket and channel; dashboards heard nothing of it.
            assertThat(announced).noneMatch(event -> event.event() != null && !event.event().equals("resync"));
        } finally {
            stream.dispose();
        }
        http.get().uri("/api/admin/processors").exchange().expectStatus().isOk()
            .expectBody()
            .jsonPath("$[?(@.name == 'analytics')].running").isEqualTo(true)
            .jsonPath("$[?(@.name == 'analytics')].lag").isEqualTo(0)
            .jsonPath("$[?(@.name == 'analytics-shadow')].running").isEqualTo(false);
    }

    /**
     * Each read model's processors come from its descriptor (ReadModelProcessors): the live one running with the
     * shared settings' two segments, its rebuild twin stopped, both with a dead-letter queue; nothing else.
     */
    @Test
    void every_read_model_has_its_processor_and_its_twin_from_its_descriptor() {
        JsonNode processors = http.get().uri("/api/admin/processors").exchange().expectStatus().isOk()
                                  .expectBody(JsonNode.class).returnResult().getResponseBody();
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        processors.forEach(processor -> byName.put(processor.path("name").asText(), processor));
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (String model : io.helpdesk.query.ReadModels.names()) {
            expected.add(model);
            expected.add(model + io.helpdesk.projections.ReadModel.SHADOW_SUFFIX);
            assertThat(byName.get(model).path("running").asBoolean()).as(model).isTrue();
            assertThat(byName.get(model).path("segments")).as(model + "'s segments").hasSize(2);
            assertThat(byName.get(model + "-shadow").path("running").asBoolean()).as(model + "-shadow").isFalse();
            assertThat(byName.get(model).has("deadLetters")).isTrue();
        }
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deadLetterGroups).containsAll(expected);
    }

    /** Read flags and read markers are the users' own: kept beside the read models, keyed by ids from events. */
    @Test
    void what_a_user_has_read_survives_a_rebuild() {
        JsonNode feed = asBo("/api/notifications");
        long id = feed.path("items").get(0).path("id").asLong();
        http.post().uri("/api/notifications/{id}/read", id).headers(TestTokens.as("bo", "billing")).exchange()
            .expectStatus().isOk();
        http.post().uri("/api/channels/ch/read").headers(TestTokens.as("bo", "billing")).exchange()
            .expectStatus().isOk();
        JsonNode readFeed = asBo("/api/notifications");
        JsonNode channels = asBo("/api/channels");
        JsonNode messagesBefore = asBo("/api/channels/ch/messages");
        assertThat(readFeed.path("items").get(0).path("read").asBoolean()).isTrue();

        for (String readModel : List.of("notifications", "channels")) {
            JsonNode done = awaitEnd(startRebuild(readModel).path("id").asText());
            assertThat(done.path("state").asText()).as(readModel).isEqualTo("DONE");
        }
        assertThat(asBo("/api/notifications")).isEqualTo(readFeed);
        assertThat(asBo("/api/channels")).isEqualTo(channels);
        assertThat(asBo("/api/channels/ch/messages")).isEqualTo(messagesBefore);
    }

    private JsonNode asBo(String uri) {
        return http.get().uri(uri).headers(TestTokens.as("bo", "billing")).exchange().expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void the_old_read_model_serves_while_a_rebuild_runs_and_stays_when_it_fails() throws Exception {
        JsonNode before = figures();
        try (Connection lock = DATABASE.connect()) {
            // Hold the shadow table: the rebuild cannot write, so it is still running while we query.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE readmodel_shadow.ticket_fact IN ACCESS EXCLUSIVE MODE");
            }
            String id = startRebuild("analytics").path("id").asText();
            assertThat(figures()).isEqualTo(before);
            assertThat(http.get().uri("/api/admin/rebuilds/{id}", id).exchange()
                           .expectBody(JsonNode.class).returnResult().getResponseBody().path("state").asText())
                    .isEqualTo("RUNNING");
            lock.rollback();
            List<ServerSentEvent<JsonNode>> progress = http.get().uri("/api/admin/rebuilds/{id}/progress", id)
                    .exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
                    }).getResponseBody().collectList().block(Duration.ofSeconds(60));
            JsonNode last = progress.get(progress.size() - 1).data();
            assertThat(last.path("state").asText()).isEqualTo("DONE");
            assertThat(last.path("done").asLong()).isEqualTo(last.path("total").asLong());
        }
        assertThat(figures()).isEqualTo(before);

        // Something in the way of the shadow tables' creation: a view where a table should be.
        jdbc.execute("DROP TABLE IF EXISTS readmodel_shadow.ticket_fact");
        jdbc.execute("CREATE VIEW readmodel_shadow.ticket_fact AS SELECT 1 AS in_the_way");
        try {
            JsonNode failed = awaitEnd(startRebuild("analytics").path("id").asText());
            assertThat(failed.path("state").asText()).isEqualTo("FAILED");
            assertThat(failed.path("error").asText()).isNotBlank();
            assertThat(figures()).isEqualTo(before);
        } finally {
            jdbc.execute("DROP VIEW readmodel_shadow.ticket_fact");
        }
    }

    /**
     * A run's state is kept in the database: every instance answers for it, a run whose instance stopped is
     * reported FAILED and makes way for a new one, and one running on another instance keeps this one from
     * starting another of the same read model.
     */
    @Test
    void rebuild_runs_are_shared_by_instances_and_outlive_the_one_running_them() {
        jdbc.update("""
                INSERT INTO readmodel.rebuild_run (id, read_model, switch_when_done, state, total, started_at,
                                                   instance, heartbeat_at)
                VALUES ('elsewhere', 'channels', true, 'RUNNING', 10, now(), 'another-instance', now())""");
        try {
            http.post().uri("/api/admin/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("readModel", "channels")).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("elsewhere"));
            http.get().uri("/api/admin/rebuilds").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == 'elsewhere')].state").isEqualTo("RUNNING");
            // That instance stops (its last word is older than a minute): the run failed, and a new one may start.
            jdbc.update("UPDATE readmodel.rebuild_run SET heartbeat_at = now() - interval '2 minutes' "
                                + "WHERE id = 'elsewhere'");
            JsonNode stopped = http.get().uri("/api/admin/rebuilds/elsewhere").exchange().expectStatus().isOk()
                                   .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(stopped.path("state").asText()).isEqualTo("FAILED");
            assertThat(stopped.path("error").asText()).contains("stopped");
            JsonNode done = awaitEnd(startRebuild("channels").path("id").asText());
            assertThat(done.path("state").asText()).isEqualTo("DONE");
            assertThat(jdbc.queryForObject("SELECT state FROM readmodel.rebuild_run WHERE id = ?", String.class,
                                           done.path("id").asText())).isEqualTo("DONE");
        } finally {
            jdbc.update("DELETE FROM readmodel.rebuild_run WHERE id = 'elsewhere'");
        }
    }

    private JsonNode figures() {
        return http.get().uri("/api/analytics/csat?by=team").exchange().expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void a_changed_sla_policy_is_tried_on_history_without_touching_the_live_sla() {
        var live = rows("sla");
        // P1 first response 2 h instead of 1 h: B's first reply after 65 working minutes now meets it.
        JsonNode started = http.post().uri("/api/admin/sla-what-if").contentType(MediaType.APPLICATION_JSON)
                               // Only the target that changes: the others keep their live values.
                               .bodyValue(Map.of("targets", Map.of("P1", Map.of("firstResponse", "PT2H"))))
                               .exchange().expectStatus().isAccepted()
                               .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(awaitEnd(started.path("id").asText()).path("state").asText()).isEqualTo("DONE");
        JsonNode report = http.get().uri("/api/admin/sla-what-if/{id}", started.path("id").asText()).exchange()
                              .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(report.path("changed")).hasSize(1);
        JsonNode change = report.path("changed").get(0);
        assertThat(change.path("ticketId").asText()).isEqualTo("B");
        assertThat(change.path("target").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(change.path("before").asText()).isEqualTo("MISSED");
        assertThat(change.path("after").asText()).isEqualTo("MET");
        JsonNode firstResponse = report.path("compliance").get(0);
        assertThat(firstResponse.path("percentMetBefore").asDouble()).isEqualTo(33.3);
        assertThat(firstResponse.path("percentMetAfter").asDouble()).isEqualTo(66.7);
        assertThat(rows("sla")).isEqualTo(live);
    }

    @Test
    void a_what_if_with_a_target_that_is_no_duration_is_refused() {
        http.post().uri("/api/admin/sla-what-if").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("targets", Map.of("P1", Map.of("firstResponse", "PT-2H"))))
            .exchange().expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                    .contains("targets.P1.firstResponse"));
    }

    /**
     * Axon starts every processor with the app, rebuild twins too, and events arrive meanwhile (a restart
     * under load): a twin outside a rebuild passes them over, even with no shadow table to write into.
     */
    @Test
    void a_rebuild_twin_applies_nothing_outside_a_rebuild() {
        var twin = processing.eventProcessor("audit-shadow",
                                             org.axonframework.eventhandling.StreamingEventProcessor.class)
                             .orElseThrow();
        jdbc.execute("DROP TABLE IF EXISTS readmodel_shadow.audit_ticket_customer");
        twin.start();
        try {
            new io.helpdesk.query.readmodels.History(eventStore).at("2026-11-10T09:00:00Z").ticket(
                    "twin-1", new io.helpdesk.domain.ticket.TicketOpened(
                            "twin-1", "twin@example.com", null, io.helpdesk.domain.ticket.ContactChannel.EMAIL,
                            "s", "b", 5, io.helpdesk.domain.ticket.Priority.P2));
            long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !twin.processingStatus().isEmpty()
                    && twin.processingStatus().values().stream()
                           .allMatch(segment -> segment.getCurrentPosition().orElse(0) >= head));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.dead_letter_entry "
                                                   + "WHERE processing_group = 'audit-shadow'", Long.class)).isZero();
            assertThat(twin.processingStatus().values()).noneMatch(segment -> segment.isErrorState());
        } finally {
            twin.shutDown();
        }
        // A rebuild makes its shadow tables anew.
        assertThat(RebuildRuns.rebuild(http, "audit").path("state").asText()).isEqualTo("DONE");
    }
}
