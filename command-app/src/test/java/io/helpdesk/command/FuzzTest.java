package io.helpdesk.command;

import io.helpdesk.eventstore.testing.AccessMatrix;
import io.helpdesk.eventstore.testing.FuzzRun;
import io.helpdesk.eventstore.testing.PublishedApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint and webhook, with odd ids, odd parameters and hostile bodies: never a 5xx, every 4xx
 * a problem+json, every answer one that the published OpenAPI description allows. Seeded: a failure names the request, and the same seed sends it again.
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=fuzz-secret", "WEBHOOK_SECRET_EMAIL=fuzz-secret",
        "WEBHOOK_SECRET_TWILIO=fuzz-secret", "WEBHOOK_SECRET_META=fuzz-secret", "WEBHOOK_META_VERIFY_TOKEN=fuzz"})
class FuzzTest extends CommandApiTest {

    static final long SEED = 20261204L;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void the_published_description_tells_a_documented_answer_from_one_it_does_not_allow() {
        PublishedApi api = PublishedApi.of("http://127.0.0.1:" + port);
        assertThat(api.mismatches("POST", "/api/tickets", 418, "text/plain", "teapot")).isNotEmpty();
        assertThat(api.mismatches("POST", "/api/tickets", 503, "application/problem+json", "{\"status\":503,\"title\":\"x\"}"))
                .isEmpty();
        assertThat(api.mismatches("POST", "/api/tickets", 503, "application/problem+json", "{\"status\":\"high\"}"))
                .isNotEmpty();
    }

    @Test
    void no_request_is_answered_with_a_server_error_or_a_bare_client_error() {
        FuzzRun.Result result = new FuzzRun("http://127.0.0.1:" + port)
                .run(AccessMatrix.endpoints(context), SEED, 25);
        System.out.println("command-app fuzz run (seed " + SEED + "): " + result);
        assertThat(result.requests()).isGreaterThan(1000);
        assertThat(result.failures()).as(result.toString()).isEmpty();
    }
}
