package io.helpdesk.command.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.eventstore.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collision detection: a command sent with the version its sender was looking at ({@code If-Match}) is refused
 * when the ticket changed since, naming what changed; the same command without the header goes ahead.
 */
class CollisionTest extends CommandApiTest {

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec reply(String ticket, String ifMatch,
                                                                                            String body) {
        var request = http.post().uri("/api/tickets/" + ticket + "/replies").headers(TestTokens.as("ana"))
                          .contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.bodyValue(Map.of("body", body)).exchange();
    }

    @Test
    void a_reply_against_an_older_version_is_refused_naming_the_unseen_changes_and_goes_ahead_without_if_match() {
        String ticket = openTicket(5);
        // Ana looks at version 0 (just opened); Bo assigns the ticket meanwhile (version 1).
        post("/api/tickets/" + ticket + "/assignment", "bo", Map.of("assignee", "bo")).expectStatus().isOk();

        JsonNode problem = reply(ticket, "\"0\"", "Hello from Ana").expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.path("rule").asText()).isEqualTo("stale-version");
        assertThat(problem.path("version").asLong()).isEqualTo(1);
        assertThat(problem.path("unseen")).hasSize(1);
        assertThat(problem.path("unseen").get(0).path("type").asText()).isEqualTo("TicketAssigned");
        assertThat(problem.path("unseen").get(0).path("user").asText()).isEqualTo("bo");
        assertThat(events(ticket)).containsExactly("TicketOpened", "TicketAssigned");

        // Looking at the current version, or saying nothing of versions: it goes ahead.
        reply(ticket, "\"1\"", "Hello, seen it all").expectStatus().isCreated();
        reply(ticket, null, "And once more").expectStatus().isCreated();
        // A weak tag is read the same; anything that is not one number is bad input naming the header.
        reply(ticket, "W/\"3\"", "Weak tag").expectStatus().isCreated();
        reply(ticket, "\"latest\"", "No").expectStatus().isBadRequest()
                .expectBody(JsonNode.class).value(bad -> assertThat(bad.path("errors").get(0).path("field").asText())
                        .isEqualTo("If-Match"));
        assertThat(events(ticket)).containsExactly("TicketOpened", "TicketAssigned", "AgentReplied", "AgentReplied",
                                                   "AgentReplied");
    }
}
