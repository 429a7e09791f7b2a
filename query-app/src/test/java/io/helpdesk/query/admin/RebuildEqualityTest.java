package io.helpdesk.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.eventstore.testing.AccessMatrix;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.ReadModelRows;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.query.readmodels.SampleWeek;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reproduces every answer: every read model is rebuilt, a migration is applied, every read model is
 * rebuilt again, and the answer to every query (each GET endpoint, as two different users, with cursors and
 * filters) is compared byte for byte with the answer before. A GET endpoint this test does not know fails it:
 * add its queries below, or say why its answers are not the read models'.
 */
@QueryAppTest
class RebuildEqualityTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    /**
     * GET endpoints whose answers describe the processing itself, not what the events say; and the dashboard's
     * settings.
     */
    private static final Set<String> NOT_READ_MODELS = Set.of(
            "/api/admin/processors", "/api/admin/dead-letters", "/api/admin/rebuilds", "/api/admin/rebuilds/{id}",
            "/api/admin/rebuilds/{id}/progress", "/api/admin/sla-what-if/{id}", "/api/stream", "/api/ui/config",
            "/api/tickets/{ticketId}/presence");

    private static final String WEEK = "from=2026-11-01T00:00:00Z&to=2026-11-09T00:00:00Z";

    /** The queries asked of each endpoint; {@code {next}} and {@code {after}} come from earlier answers. */
    private static final Map<String, List<String>> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("/api/tickets/{ticketId}", List.of("/api/tickets/A", "/api/tickets/B", "/api/tickets/C",
                                                       "/api/tickets/D"));
        QUERIES.put("/api/sla/at-risk", List.of("/api/sla/at-risk"));
        QUERIES.put("/api/sla/breached", List.of("/api/sla/breached"));
        QUERIES.put("/api/sla/tickets/{ticketId}", List.of("/api/sla/tickets/A", "/api/sla/tickets/B",
                                                           "/api/sla/tickets/C?at=2026-11-07T10:10:00Z"));
        QUERIES.put("/api/sla/compliance", List.of("/api/sla/compliance?" + WEEK, "/api/sla/compliance"));
        QUERIES.put("/api/analytics/volume", List.of("/api/analytics/volume?" + WEEK,
                                                     "/api/analytics/volume?by=channel&" + WEEK,
                                                     "/api/analytics/volume?by=organization&" + WEEK,
                                                     "/api/analytics/volume?by=field:plan&" + WEEK));
        QUERIES.put("/api/analytics/backlog", List.of("/api/analytics/backlog?" + WEEK));
        QUERIES.put("/api/analytics/response-times", List.of("/api/analytics/response-times?" + WEEK,
                "/api/analytics/response-times?metric=resolution&by=priority&" + WEEK));
        QUERIES.put("/api/analytics/response-times/histogram", List.of("/api/analytics/response-times/histogram?" + WEEK));
        QUERIES.put("/api/analytics/csat", List.of("/api/analytics/csat?" + WEEK, "/api/analytics/csat?by=agent&" + WEEK));
        QUERIES.put("/api/analytics/handoffs", List.of("/api/analytics/handoffs?" + WEEK));
        QUERIES.put("/api/analytics/drafts", List.of("/api/analytics/drafts?" + WEEK));
        QUERIES.put("/api/analytics/deliveries", List.of("/api/analytics/deliveries?by=channel&" + WEEK));
        QUERIES.put("/api/analytics/tickets", List.of("/api/analytics/tickets?" + WEEK,
                                                      "/api/analytics/tickets?priority=P1&" + WEEK,
                                                      "/api/analytics/tickets?organizationId=o1&" + WEEK));
        QUERIES.put("/api/analytics/tickets.csv", List.of("/api/analytics/tickets.csv?" + WEEK));
        QUERIES.put("/api/notifications", List.of("/api/notifications"));
        QUERIES.put("/api/channels", List.of("/api/channels"));
        QUERIES.put("/api/channels/{channelId}/messages", List.of("/api/channels/ch/messages",
                "/api/channels/ch/messages?after={after}", "/api/channels/ch/messages?threadRootId=m1"));
        // The week's events: each export is recorded in the trail, so a whole export differs from the last one.
        QUERIES.put("/api/audit/events", List.of("/api/audit/events?" + WEEK, "/api/audit/events?format=csv&" + WEEK,
                                                 "/api/audit/events?customer=b@example.com"));
        QUERIES.put("/api/history/tickets/{id}", List.of("/api/history/tickets/A?at=2026-11-02T10:00:00Z"));
        QUERIES.put("/api/history/handoffs/{id}", List.of("/api/history/handoffs/hB"));
        QUERIES.put("/api/history/channels/{id}", List.of("/api/history/channels/ch"));
        QUERIES.put("/api/customers/{email}/context", List.of("/api/customers/a@example.com/context"));
        QUERIES.put("/api/contacts", List.of("/api/contacts", "/api/contacts?q=CUSTOMER", "/api/contacts?limit=1",
                                             "/api/contacts?organizationId=o1"));
        QUERIES.put("/api/contacts/{contactId}", List.of("/api/contacts/" + SampleWeek.CONTACT_A,
                "/api/contacts/" + SampleWeek.CONTACT_B, "/api/contacts/" + Contacts.idFor("c@example.com")));
        QUERIES.put("/api/organizations", List.of("/api/organizations"));
        QUERIES.put("/api/organizations/{organizationId}", List.of("/api/organizations/o1"));
        QUERIES.put("/api/inbox", List.of("/api/inbox", "/api/inbox?limit=2", "/api/inbox?limit=2&cursor={next}",
                                          "/api/inbox?sort=sla", "/api/inbox?sort=sla&limit=1", "/api/inbox?sort=activity",
                                          "/api/inbox?team=billing", "/api/inbox?q=refund", "/api/inbox?status=RESOLVED",
                                          "/api/inbox?organizationId=o1", "/api/inbox?contactId=" + SampleWeek.CONTACT_B,
                                          "/api/inbox?field=plan:gold"));
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_answer_is_the_same_after_two_rebuilds_with_a_migration_between() throws Exception {
        List<String> unknown = AccessMatrix.endpoints(context).stream()
                                           .filter(e -> e.method() == HttpMethod.GET)
                                           .map(AccessMatrix.Endpoint::pattern)
                                           .filter(p -> !QUERIES.containsKey(p) && !NOT_READ_MODELS.contains(p))
                                           .toList();
        assertThat(unknown).as("GET endpoints the rebuild-equality test does not ask").isEmpty();

        SampleWeek.write(eventStore);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        // A path no read model claims waits for every read model.
        http.get().uri("/api/admin/processors").header("X-Min-Position", String.valueOf(head)).exchange()
            .expectStatus().isOk().expectHeader().doesNotExist("X-Read-Model-Stale");
        // What users did, kept beside the read models: a notification read, a channel read.
        long notification = answer("bo", "/api/notifications").path("items").get(0).path("id").asLong();
        http.post().uri("/api/notifications/{id}/read", notification).headers(TestTokens.as("bo", "billing"))
            .exchange().expectStatus().isOk();
        http.post().uri("/api/channels/ch/read").headers(TestTokens.as("ana")).exchange().expectStatus().isOk();

        List<String> uris = uris();
        Map<String, String> before = answers(uris);
        assertThat(before).hasSizeGreaterThan(40);

        rebuildEveryReadModel();
        assertThat(answers(uris)).as("answers after the first rebuild").isEqualTo(before);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/readmodel", "classpath:db/readmodel-test")
              .table("flyway_readmodel_history").load().migrate();
        rebuildEveryReadModel();
        assertThat(answers(uris)).as("answers after the migration and the second rebuild").isEqualTo(before);
        System.out.println("rebuild equality: " + before.size() + " answers (" + uris.size() + " queries as 3 users, "
                + before.values().stream().mapToInt(String::length).sum() + " characters) equal after two rebuilds of "
                + ReadModelRows.READ_MODELS.size() + " read models with a migration between");
        // The rebuilt tables have what the migration added.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                               + "'readmodel' AND column_name IN ('later_note', 'later_flag')",
                                       Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = 'readmodel' "
                                               + "AND indexname = 'inbox_ticket_by_later_note'", Long.class))
                .isEqualTo(1);
    }

    /** Every query, with the cursors the first answers give, as the default user and as bo of billing. */
    private List<String> uris() {
        String next = answer("tester", "/api/inbox?limit=2").path("nextCursor").asText();
        JsonNode messages = answer("ana", "/api/channels/ch/messages");
        String after = messages.path("items").get(0).path("position").asText();
        assertThat(next).as("the inbox's cursor").isNotEmpty();
        assertThat(after).as("the first message's position").isNotEmpty();
        List<String> uris = new ArrayList<>();
        QUERIES.values().forEach(list -> list.forEach(uri -> uris.add(
                uri.replace("{next}", next).replace("{after}", after))));
        return uris;
    }

    private Map<String, String> answers(List<String> uris) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String user : List.of("tester", "bo", "ana")) {
            for (String uri : uris) {
                var result = read(user, uri);
                byte[] body = result.getResponseBody();
                answers.put(user + " " + uri, result.getStatus().value() + " "
                        + (body == null ? "" : new String(body, StandardCharsets.UTF_8)));
            }
        }
        return answers;
    }

    private org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> read(String user, String uri) {
        return http.get().uri(uri).headers(TestTokens.as(user, user.equals("bo") ? "billing" : "team-1"))
                   .exchange().expectBody(byte[].class).returnResult();
    }

    private JsonNode answer(String user, String uri) {
        byte[] body = http.get().uri(uri).headers(TestTokens.as(user, "billing")).exchange()
                          .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rebuildEveryReadModel() {
        for (String readModel : ReadModelRows.READ_MODELS) {
            JsonNode done = RebuildRuns.rebuild(http, readModel);
            assertThat(done.path("state").asText()).as(readModel + ": " + done).isEqualTo("DONE");
        }
    }
}
