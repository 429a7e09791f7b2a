package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.PublishedApi;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What became of a reply shows on the ticket: a line of its own and the reply's {@code delivery} state. Here no
 * SMTP server is configured, so an e-mail reply is recorded as not delivered, as the README says.
 */
class ReplyDeliveryOnTheTicketTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create(), true);
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    @Test
    void the_files_of_a_reply_show_on_its_timeline_line_as_references() {
        JsonNode created = apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("customerEmail", "fay@example.com", "channel", "EMAIL",
                                                 "subject", "Manual", "body", "Where is the manual?"))
                               .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                               .getResponseBody();
        String id = created.path("ticketId").asText();
        byte[] manual = "%PDF the manual".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.springframework.http.client.MultipartBodyBuilder form = new org.springframework.http.client.MultipartBodyBuilder();
        form.part("file", new org.springframework.core.io.ByteArrayResource(manual) {
            @Override
            public String getFilename() {
                return "manual.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        String sha256 = apps.commands().post().uri("/api/attachments").contentType(MediaType.MULTIPART_FORM_DATA)
                            .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(form.build()))
                            .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                            .getResponseBody().get(0).path("sha256").asText();
        apps.commands().post().uri("/api/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("body", "Attached", "attachments", java.util.List.of(Map.of("sha256", sha256))))
            .exchange().expectStatus().is2xxSuccessful();
        long settled = apps.settled();

        JsonNode timeline = ticketOnceSettled(id, settled).path("timeline");
        JsonNode file = find(timeline, "AGENT_REPLY").path("attachments").path(0);
        assertThat(file.path("sha256").asText()).isEqualTo(sha256);
        assertThat(file.path("name").asText()).isEqualTo("manual.pdf");
        assertThat(file.path("size").asLong()).isEqualTo(manual.length);
        assertThat(file.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(find(timeline, "OPENED").path("attachments")).isEmpty();
    }

    @Test
    void a_reply_that_could_not_be_delivered_says_so_on_the_ticket_and_its_timeline() {
        JsonNode created = apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("customerEmail", "ana@example.com", "channel", "EMAIL",
                                                 "subject", "Refund", "body", "Please"))
                               .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                               .getResponseBody();
        String id = created.path("ticketId").asText();
        apps.commands().post().uri("/api/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("body", "On its way")).exchange().expectStatus().is2xxSuccessful();
        long settled = apps.settled();

        JsonNode timeline = ticketOnceSettled(id, settled).path("timeline");
        JsonNode reply = find(timeline, "AGENT_REPLY");
        assertThat(reply.path("detail").asText()).isEqualTo("On its way");
        assertThat(reply.path("delivery").asText()).isEqualTo("FAILED");
        assertThat(find(timeline, "REPLY_FAILED").path("detail").asText())
                .isEqualTo("not delivered: no SMTP server is configured (SMTP_HOST)");
        assertThat(find(timeline, "OPENED").path("delivery").isNull()).isTrue();

        // Whoever wrote the reply is told.
        JsonNode notifications = read(await().atMost(Duration.ofSeconds(30)).until(
                () -> apps.queries().get().uri("/api/notifications").header("X-Min-Position", String.valueOf(settled))
                          .exchange().expectStatus().isOk().expectBody(String.class).returnResult(),
                result -> result.getResponseHeaders().getFirst("X-Read-Model-Stale") == null).getResponseBody());
        assertThat(notifications.toString()).contains("\"kind\":\"REPLY_FAILED\"")
                                            .contains("no SMTP server is configured").contains(id);

        // Analytics counts it: every e-mail reply of this system (no SMTP server) failed.
        EntityExchangeResult<String> figures = await().atMost(Duration.ofSeconds(30)).until(
                () -> apps.queries().get().uri("/api/analytics/deliveries?by=channel")
                          .header("X-Min-Position", String.valueOf(settled)).exchange()
                          .expectStatus().isOk().expectBody(String.class).returnResult(),
                result -> result.getResponseHeaders().getFirst("X-Read-Model-Stale") == null);
        assertThat(PublishedApi.of(apps.queryUrl()).mismatches("GET", "/api/analytics/deliveries", 200,
                                                               String.valueOf(figures.getResponseHeaders().getContentType()),
                                                               figures.getResponseBody())).isEmpty();
        JsonNode email = read(figures.getResponseBody()).path(0);
        assertThat(email.path("key").asText()).isEqualTo("EMAIL");
        assertThat(email.path("replies").asLong()).isPositive();
        assertThat(email.path("failed").asLong()).isEqualTo(email.path("replies").asLong());
        assertThat(email.path("sent").asLong()).isZero();
        assertThat(email.path("pending").asLong()).isZero();
    }

    /** The ticket as query-app answers it once the history up to {@code settled} is in, checked against the OpenAPI. */
    private static JsonNode ticketOnceSettled(String id, long settled) {
        EntityExchangeResult<String> answer = await().atMost(Duration.ofSeconds(30)).until(
                () -> apps.queries().get().uri("/api/tickets/{id}", id).header("X-Min-Position", String.valueOf(settled))
                          .exchange().expectStatus().isOk().expectBody(String.class).returnResult(),
                result -> result.getResponseHeaders().getFirst("X-Read-Model-Stale") == null);
        assertThat(PublishedApi.of(apps.queryUrl()).mismatches("GET", "/api/tickets/" + id, 200,
                                                               String.valueOf(answer.getResponseHeaders().getContentType()),
                                                               answer.getResponseBody())).isEmpty();
        return read(answer.getResponseBody());
    }

    private static JsonNode find(JsonNode timeline, String kind) {
        for (JsonNode entry : timeline) {
            if (kind.equals(entry.path("kind").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " in " + timeline);
    }

    private static JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
