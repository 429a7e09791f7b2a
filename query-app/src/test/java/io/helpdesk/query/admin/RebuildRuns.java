package io.helpdesk.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Starting a rebuild over the admin API and waiting for its end, as the rebuild tests do. */
public final class RebuildRuns {

    private RebuildRuns() {
    }

    /** Starts a rebuild of {@code readModel}; its progress as first answered (202). */
    public static JsonNode start(WebTestClient http, String readModel) {
        return http.post().uri("/api/admin/rebuilds").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("readModel", readModel))
                   .exchange().expectStatus().isAccepted()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Polls the run until it is DONE or FAILED (at most a minute) and returns its last progress. */
    public static JsonNode awaitEnd(WebTestClient http, String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                      .until(() -> http.get().uri("/api/admin/rebuilds/{id}", id).exchange()
                                       .expectBody(JsonNode.class).returnResult().getResponseBody(),
                             p -> p.path("state").asText().matches("DONE|FAILED"));
    }

    /** Rebuilds {@code readModel} and returns how the run ended. */
    public static JsonNode rebuild(WebTestClient http, String readModel) {
        return awaitEnd(http, start(http, readModel).path("id").asText());
    }
}
