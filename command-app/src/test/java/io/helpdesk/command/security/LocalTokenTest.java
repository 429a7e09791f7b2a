package io.helpdesk.command.security;

import io.helpdesk.command.CommandApiTest;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.eventstore.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In the local profile a developer gets a token from the app itself, and it works like a real one. */
@ActiveProfiles("local")
@DirtiesContext
class LocalTokenTest extends CommandApiTest {

    @LocalServerPort
    int port;

    @Test
    void a_token_from_the_local_helper_opens_a_ticket_as_that_user() {
        WebTestClient anonymous = TestTokens.independentClient("http://127.0.0.1:" + port);
        Map<?, ?> minted = anonymous.get().uri("/api/dev/token?user=dana&roles=AGENT&teams=billing").exchange()
                                    .expectStatus().isOk()
                                    .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(minted.get("user")).isEqualTo("dana");
        Map<?, ?> created = anonymous.post().uri("/api/tickets")
                                     .headers(headers -> headers.setBearerAuth((String) minted.get("token")))
                                     .contentType(MediaType.APPLICATION_JSON)
                                     .bodyValue(Map.of("customerEmail", "a@example.com", "channel", "EMAIL",
                                                       "subject", "Hi", "body", "Hello"))
                                     .exchange().expectStatus().isCreated()
                                     .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                                               + "WHERE aggregate_identifier = ?", String.class,
                                       created.get("ticketId"))).contains("\"user\":\"dana\"");
        anonymous.get().uri("/api/dev/token?user=dana&roles=OWNER").exchange()
                 .expectStatus().isBadRequest()
                 .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
