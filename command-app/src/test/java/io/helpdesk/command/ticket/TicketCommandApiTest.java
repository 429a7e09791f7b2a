package io.helpdesk.command.ticket;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=command-app", "helpdesk.delivery.enabled=false"})
// Each class has a database of its own, so its context is never reused: closed after the class, it does not
// keep working beside the later classes or shut down after the embedded PostgreSQL has gone.
@DirtiesContext
class TicketCommandApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void opening_a_ticket_answers_201_with_its_location_after_the_event_is_stored() {
        var created = http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                          .bodyValue(Map.of("customerEmail", "ana@example.com", "customerName", "Ana",
                                            "channel", "WHATSAPP", "subject", "Refund", "body", "Where is it?",
                                            "importance", 9))
                          .exchange()
                          .expectStatus().isCreated()
                          .expectBody(Map.class).returnResult();
        String id = (String) created.getResponseBody().get("ticketId");
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/tickets/" + id);

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload_type, sequence_number, convert_from(payload, 'UTF8') AS payload "
                        + "FROM eventstore.domain_event_entry WHERE aggregate_identifier = ?", id);
        assertThat(row.get("payload_type")).isEqualTo("io.helpdesk.domain.ticket.TicketOpened");
        assertThat(row.get("sequence_number")).isEqualTo(0L);
        assertThat((String) row.get("payload")).contains("\"priority\":\"P0\"").contains("\"channel\":\"WHATSAPP\"");
    }

    @Test
    void events_carry_the_correlation_id_of_the_request() {
        String id = open();
        http.post().uri("/api/tickets/{id}/assignment", id).contentType(MediaType.APPLICATION_JSON)
            .header("X-Correlation-Id", "corr-42")
            .bodyValue(Map.of("assignee", "agent-7"))
            .exchange()
            .expectStatus().isOk();

        String metaData = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id);
        assertThat(metaData).contains("\"correlationId\":\"corr-42\"");

        http.post().uri("/api/tickets/{id}/assignment", id).contentType(MediaType.APPLICATION_JSON)
            .header("X-Correlation-Id", "c".repeat(201))
            .bodyValue(Map.of("assignee", "agent-8"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("X-Correlation-Id");
    }

    @Test
    void bad_input_is_a_400_problem_naming_each_field() {
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("customerEmail", "not-an-email", "channel", "EMAIL", "subject", " ",
                              "body", "b", "importance", 11))
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status").isEqualTo(400)
            .jsonPath("$.errors[?(@.field == 'customerEmail')]").exists()
            .jsonPath("$.errors[?(@.field == 'subject')]").exists()
            .jsonPath("$.errors[?(@.field == 'importance')]").exists()
            .jsonPath("$.errors.length()").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry "
                                               + "WHERE convert_from(payload, 'UTF8') LIKE '%not-an-email%'",
                                       Long.class)).isZero();
    }

    @Test
    void an_unknown_channel_or_broken_json_is_a_400_problem() {
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("customerEmail", "a@example.com", "channel", "FAX", "subject", "s", "body", "b"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"customerEmail\": ")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void text_the_read_side_cannot_store_is_refused_with_the_field_and_never_becomes_an_event() {
        String id = open();
        http.post().uri("/api/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"body\": \"nul \\u0000 here\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("body")
            .jsonPath("$.errors[0].message").isEqualTo("must not contain the NUL character (U+0000)");
        http.post().uri("/api/tickets/{id}/notes", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"body\": \"lone \\ud800 surrogate\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("body")
            .jsonPath("$.errors[0].message").isEqualTo("must be valid Unicode text (it holds a lone surrogate)");
        http.post().uri("/api/tickets/{id}/tags", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"tags\": [\"ok\", \"not ok\"]}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("tags");
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"customerEmail\":\"a@example.com\",\"channel\":\"EMAIL\",\"subject\":\"s\\u0000\",\"body\":\"b\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("subject");
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void a_body_that_cannot_be_read_names_the_field_and_what_is_wrong_without_java_class_names() {
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("customerEmail", "a@example.com", "channel", "FAX", "subject", "s", "body", "b"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("channel")
            .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                    .contains("EMAIL").contains("WHATSAPP").doesNotContain("io.helpdesk").doesNotContain("java."))
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("io.helpdesk"));
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"customerEmail\":\"a@example.com\",\"channel\":\"EMAIL\",\"subject\":\"s\","
                       + "\"body\":\"b\",\"body\":\"again\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("body")
            .jsonPath("$.errors[0].message").isEqualTo("appears twice");
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"customerEmail\":\"a@example.com\",\"channel\":\"EMAIL\",\"subject\":\"s\","
                       + "\"body\":\"b\",\"importance\":\"high\"}")
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("importance")
            .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                    .doesNotContain("java.").doesNotContain("Integer"));
    }

    @Test
    void commands_on_an_unknown_ticket_are_a_404_problem() {
        http.post().uri("/api/tickets/{id}/replies", "no-such-ticket").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("body", "hello"))
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").isEqualTo("nothing found with id no-such-ticket");
    }

    @Test
    void a_closed_ticket_refuses_replies_with_a_409_naming_the_rule() {
        String id = open();
        http.post().uri("/api/tickets/{id}/close", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of())
            .exchange()
            .expectStatus().isOk();

        http.post().uri("/api/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("body", "one more thing"))
            .exchange()
            .expectStatus().isEqualTo(409)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.rule").isEqualTo("ClosedTicketIsFinal")
            .jsonPath("$.detail").isEqualTo("ticket " + id + " is closed and cannot change");
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void concurrent_replies_to_one_ticket_are_all_kept_or_refused_never_lost() throws Exception {
        String id = open();
        int replies = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, replies)
                    .mapToObj(i -> pool.submit(() -> http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                            .post().uri("/api/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("body", "reply " + i))
                            .exchange().expectBody(String.class).returnResult().getStatus().value()))
                    .toList();
            long accepted = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(201, 409);
                if (code == 201) {
                    accepted++;
                }
            }
            assertThat(accepted).isPositive();
            assertThat(eventsOf(id)).isEqualTo(1 + accepted);
            assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM eventstore.domain_event_entry WHERE aggregate_identifier = ? "
                            + "AND convert_from(payload, 'UTF8') LIKE '%\"firstResponse\":true%'", Long.class, id))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private long eventsOf(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry WHERE aggregate_identifier = ?",
                                   Long.class, id);
    }

    private String open() {
        Map<?, ?> body = http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                             .bodyValue(Map.of("customerEmail", "bo@example.com", "channel", "EMAIL",
                                               "subject", "Login", "body", "I cannot log in"))
                             .exchange()
                             .expectStatus().isCreated()
                             .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("ticketId");
    }
}
