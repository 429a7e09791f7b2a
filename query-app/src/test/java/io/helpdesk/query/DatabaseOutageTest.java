package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * While the database is away, queries answer 503 with Retry-After within seconds and the app reports itself not
 * ready; both work again after, by themselves.
 */
@QueryAppTest
class DatabaseOutageTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void no_read_query_runs_on_the_server_for_longer_than_the_statement_timeout() {
        String timeout = db.sql("SHOW statement_timeout").map(row -> row.get(0, String.class)).one()
                           .block(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(timeout).isEqualTo("30s");
    }

    private WebTestClient.ResponseSpec inbox() {
        return http.mutate().responseTimeout(Duration.ofSeconds(20)).build().get().uri("/api/inbox").exchange();
    }

    private WebTestClient.ResponseSpec readiness() {
        return http.mutate().responseTimeout(Duration.ofSeconds(20)).build().get().uri("/actuator/health/readiness")
                   .exchange();
    }

    @Test
    void queries_answer_503_with_retry_after_while_the_database_is_away_and_work_again_after() {
        inbox().expectStatus().isOk();
        DATABASE.acceptConnections(false);
        try {
            // Connections the pool still holds were cut: the first queries may find that out first.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> inbox().expectStatus().isEqualTo(503)
                                 .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .expectHeader().valueEquals("Retry-After", "5"));
            // Not ready meanwhile: a load balancer sends the requests elsewhere.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().expectStatus().isEqualTo(503));
        } finally {
            DATABASE.acceptConnections(true);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().expectStatus().isOk());
    }
}
