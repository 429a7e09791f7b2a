package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A merged ticket's messages show on the other ticket's timeline among its own, in the order they were written,
 * each saying where it came from; the merged ticket is closed and links to the other; unmerging takes them away.
 * A split moves the chosen lines into the new ticket.
 */
class TicketMergeViewTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create());
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static JsonNode command(HttpMethod method, String uri, Object body, int status) {
        return apps.command(method, uri, body, status);
    }

    private static String open(String customer, String subject) {
        return command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", customer, "channel", "EMAIL",
                                                               "subject", subject, "body", subject + " body"), 201)
                .path("ticketId").asText();
    }

    private static JsonNode ticket(String id) {
        return apps.queries().get().uri("/api/tickets/" + id).exchange().expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The timeline's message lines as "kind detail [from]". */
    private static List<String> messages(String id) {
        return StreamSupport.stream(ticket(id).path("timeline").spliterator(), false)
                            .filter(e -> List.of("OPENED", "CUSTOMER_MESSAGE", "AGENT_REPLY", "NOTE")
                                             .contains(e.path("kind").asText()))
                            .map(e -> e.path("kind").asText() + " " + e.path("detail").asText().replace('\n', ' ')
                                    + (e.path("fromTicket").isTextual() ? " [" + e.path("fromTicket").asText() + "]"
                                    : ""))
                            .toList();
    }

    @Test
    void merged_messages_interleave_in_time_and_leave_again_and_a_split_moves_lines() {
        String a = open("una@example.com", "Broken screen");
        String b = open("una@home.example", "Screen again");
        command(HttpMethod.POST, "/api/tickets/" + a + "/replies", Map.of("body", "Send a photo"), 201);
        command(HttpMethod.POST, "/api/tickets/" + b + "/notes", Map.of("body", "duplicate?"), 201);
        command(HttpMethod.POST, "/api/tickets/" + a + "/notes", Map.of("body", "photo came"), 201);

        command(HttpMethod.POST, "/api/tickets/" + b + "/merge", Map.of("into", a), 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> messages(a).size() == 5);
        assertThat(messages(a)).containsExactly(
                "OPENED Broken screen Broken screen body",
                "OPENED Screen again Screen again body [" + b + "]",
                "AGENT_REPLY Send a photo",
                "NOTE duplicate? [" + b + "]",
                "NOTE photo came");
        await().atMost(Duration.ofSeconds(15)).until(() -> "CLOSED".equals(ticket(b).path("status").asText()));
        assertThat(ticket(b).path("links").get(0).path("kind").asText()).isEqualTo("MERGED_INTO");
        assertThat(ticket(a).path("links").get(0).path("kind").asText()).isEqualTo("MERGED_FROM");

        command(HttpMethod.POST, "/api/tickets/" + b + "/unmerge", null, 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> messages(a).size() == 3);
        await().atMost(Duration.ofSeconds(15)).until(() -> "OPEN".equals(ticket(b).path("status").asText()));
        assertThat(ticket(a).path("links")).isEmpty();
        assertThat(ticket(b).path("links")).isEmpty();

        String reply = StreamSupport.stream(ticket(a).path("timeline").spliterator(), false)
                                    .filter(e -> "AGENT_REPLY".equals(e.path("kind").asText()))
                                    .findFirst().orElseThrow().path("eventId").asText();
        String c = command(HttpMethod.POST, "/api/tickets/" + a + "/split", Map.of("eventIds", List.of(reply)), 201)
                .path("ticketId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> messages(a).size() == 2);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> messages(c).contains("AGENT_REPLY Send a photo [" + a + "]"));
        assertThat(ticket(c).path("customerEmail").asText()).isEqualTo("una@example.com");
        assertThat(ticket(c).path("links").get(0).path("kind").asText()).isEqualTo("SPLIT_FROM");
    }
}
