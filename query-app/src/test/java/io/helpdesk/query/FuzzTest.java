package io.helpdesk.query;

import io.helpdesk.eventstore.testing.AccessMatrix;
import io.helpdesk.eventstore.testing.FuzzRun;
import io.helpdesk.eventstore.testing.PublishedApi;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query endpoint, with odd ids, odd parameters and hostile bodies: never a 5xx, every 4xx a
 * problem+json, every answer one that the published OpenAPI description allows. Seeded: a failure names the request, and the same seed sends it again.
 */
@QueryAppTest
class FuzzTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    static final long SEED = 20261204L;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void the_published_description_tells_a_documented_answer_from_one_it_does_not_allow() {
        PublishedApi api = PublishedApi.of("http://127.0.0.1:" + port);
        assertThat(api.mismatches("GET", "/api/inbox", 418, "text/plain", "teapot")).isNotEmpty();
        assertThat(api.mismatches("GET", "/api/inbox", 503, "application/problem+json", "{\"status\":503,\"title\":\"x\"}"))
                .isEmpty();
        assertThat(api.mismatches("GET", "/api/inbox", 503, "application/problem+json", "{\"status\":\"high\"}"))
                .isNotEmpty();
    }

    @Test
    void no_request_is_answered_with_a_server_error_or_a_bare_client_error() {
        FuzzRun.Result result = new FuzzRun("http://127.0.0.1:" + port)
                .run(AccessMatrix.endpoints(context), SEED, 25);
        System.out.println("query-app fuzz run (seed " + SEED + "): " + result);
        assertThat(result.requests()).isGreaterThan(500);
        assertThat(result.failures()).as(result.toString()).isEmpty();
    }
}
