package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A link between two tickets shows on both, each side with its own kind, and unlinking removes it from both. */
class TicketLinksTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create());
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static String open(String subject) {
        return apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("customerEmail", "ida@example.com", "channel", "EMAIL", "subject", subject,
                                     "body", "..."))
                   .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                   .getResponseBody().path("ticketId").asText();
    }

    private static void send(HttpMethod method, String uri, Object body, int status) {
        var request = apps.commands().method(method).uri(uri).contentType(MediaType.APPLICATION_JSON);
        (body == null ? request.exchange() : request.bodyValue(body).exchange()).expectStatus().isEqualTo(status);
    }

    private static List<String> links(String ticket) {
        JsonNode detail = apps.queries().get().uri("/api/tickets/" + ticket).exchange().expectStatus().isOk()
                              .expectBody(JsonNode.class).returnResult().getResponseBody();
        return java.util.stream.StreamSupport.stream(detail.path("links").spliterator(), false)
                                             .map(link -> link.path("kind").asText() + " " + link.path("ticketId").asText())
                                             .toList();
    }

    @Test
    void a_duplicate_and_its_original_show_the_link_each_their_way_until_it_is_removed() {
        String original = open("Printer on fire");
        String duplicate = open("Printer on fire (again)");
        String cause = open("Power surge");
        send(HttpMethod.POST, "/api/tickets/" + duplicate + "/links",
             Map.of("ticketId", original, "kind", "DUPLICATE_OF"), 200);
        send(HttpMethod.POST, "/api/tickets/" + original + "/links", Map.of("ticketId", cause, "kind", "CAUSED_BY"),
             200);
        send(HttpMethod.POST, "/api/tickets/" + original + "/links", Map.of("ticketId", "no-such", "kind", "RELATED"),
             404);
        send(HttpMethod.POST, "/api/tickets/" + original + "/links", Map.of("ticketId", original, "kind", "RELATED"),
             400);
        await().atMost(Duration.ofSeconds(10)).until(() -> links(cause).size() == 1);
        assertThat(links(duplicate)).containsExactly("DUPLICATE_OF " + original);
        assertThat(links(original)).containsExactly("HAS_DUPLICATE " + duplicate, "CAUSED_BY " + cause);
        assertThat(links(cause)).containsExactly("CAUSES " + original);

        send(HttpMethod.DELETE, "/api/tickets/" + original + "/links/" + duplicate, null, 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> links(duplicate).isEmpty());
        assertThat(links(original)).containsExactly("CAUSED_BY " + cause);
    }
}
