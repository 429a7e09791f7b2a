package io.helpdesk.command;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * While the database is away, a command is answered within seconds with 503 and Retry-After (never a false
 * 409, never Spring's default body), and once it is back commands go through again without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=command-app", "helpdesk.delivery.enabled=false"})
@DirtiesContext
class DatabaseOutageTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    WebTestClient http;

    private WebTestClient.ResponseSpec open() {
        return http.mutate().responseTimeout(Duration.ofSeconds(20)).build()
                   .post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("customerEmail", "ana@example.com", "channel", "EMAIL", "subject", "s",
                                     "body", "b"))
                   .exchange();
    }

    @Test
    void commands_answer_503_with_retry_after_while_the_database_is_away_and_work_again_after() {
        open().expectStatus().isCreated();
        DATABASE.acceptConnections(false);
        try {
            for (int i = 0; i < 3; i++) {
                open().expectStatus().isEqualTo(503)
                      .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                      .expectHeader().valueEquals("Retry-After", "5")
                      .expectBody().jsonPath("$.status").isEqualTo(503);
            }
        } finally {
            DATABASE.acceptConnections(true);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> open().expectStatus().isCreated());
    }
}
