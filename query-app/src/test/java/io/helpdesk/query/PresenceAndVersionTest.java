package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
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
 * The ticket view names the version it shows (for {@code If-Match}); who is viewing or typing on a ticket comes
 * and goes as dashboards signal it, and a signal not renewed expires within seconds.
 */
class PresenceAndVersionTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create(), false, new String[0], new String[]{"--helpdesk.presence.ttl=2s"});
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private String openTicket() {
        return apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("customerEmail", "vera@example.com", "channel", "EMAIL", "subject", "Versions",
                                     "body", "Hi"))
                   .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                   .path("ticketId").asText();
    }

    private JsonNode presence(String ticket, String user, String activity) {
        return apps.queries().post().uri("/api/tickets/{id}/presence", ticket).headers(TestTokens.as(user))
                   .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("activity", activity))
                   .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void the_ticket_view_names_its_version_the_last_event_sequence_it_shows() {
        String ticket = openTicket();
        EntityExchangeResult<byte[]> tagged = apps.commands().post().uri("/api/tickets/{id}/tags", ticket)
                                                  .contentType(MediaType.APPLICATION_JSON)
                                                  .bodyValue(Map.of("tags", java.util.List.of("vip"))).exchange()
                                                  .expectStatus().is2xxSuccessful().expectBody().returnResult();
        String position = tagged.getResponseHeaders().getFirst("X-Event-Position");
        JsonNode detail = apps.queries().get().uri("/api/tickets/{id}", ticket).header("X-Min-Position", position)
                              .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                              .getResponseBody();
        assertThat(detail.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void viewers_and_typists_appear_leave_and_expire() {
        String ticket = openTicket();
        await().atMost(Duration.ofSeconds(30)).until(() -> apps.queries().get().uri("/api/tickets/{id}", ticket)
                                                               .exchange().returnResult(String.class).getStatus()
                                                               .is2xxSuccessful());
        assertThat(presence(ticket, "ana", "VIEWING").toString()).isEqualTo("[{\"user\":\"ana\",\"activity\":\"VIEWING\"}]");
        JsonNode both = presence(ticket, "bo", "TYPING");
        assertThat(both.toString()).isEqualTo("[{\"user\":\"ana\",\"activity\":\"VIEWING\"},"
                                                      + "{\"user\":\"bo\",\"activity\":\"TYPING\"}]");
        apps.queries().delete().uri("/api/tickets/{id}/presence", ticket).headers(TestTokens.as("bo")).exchange()
            .expectStatus().isNoContent();
        assertThat(apps.queries().get().uri("/api/tickets/{id}/presence", ticket).exchange().expectStatus().isOk()
                       .expectBody(JsonNode.class).returnResult().getResponseBody().toString())
                .isEqualTo("[{\"user\":\"ana\",\"activity\":\"VIEWING\"}]");
        // Ana's dashboard stops renewing (closed without a goodbye): she is gone once the signal expires.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(
                () -> apps.queries().get().uri("/api/tickets/{id}/presence", ticket).exchange()
                          .expectBody(JsonNode.class).returnResult().getResponseBody().isEmpty());

        // Bad input and unknown tickets are refused.
        apps.queries().post().uri("/api/tickets/{id}/presence", ticket).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("activity", "DANCING")).exchange().expectStatus().isBadRequest();
        apps.queries().post().uri("/api/tickets/{id}/presence", "no-such-ticket").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("activity", "VIEWING")).exchange().expectStatus().isNotFound();
    }
}
