package io.helpdesk.command;

import io.helpdesk.eventstore.testing.FuzzRun;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint and webhook, with odd ids, odd parameters and hostile bodies: never a 5xx, every 4xx
 * a problem+json, every answer one that the published OpenAPI description allows.
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=fuzz-secret", "WEBHOOK_SECRET_EMAIL=fuzz-secret",
        "WEBHOOK_SECRET_TWILIO=fuzz-secret", "WEBHOOK_SECRET_META=fuzz-secret", "WEBHOOK_META_VERIFY_TOKEN=fuzz"})
@DirtiesContext
class FuzzTest extends CommandApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void no_request_is_answered_with_a_server_error_a_bare_client_error_or_outside_the_api_description() {
        FuzzRun.Result result = FuzzRun.checkEveryEndpoint("command-app", "http://127.0.0.1:" + port, context, 25);
        assertThat(result.requests()).isGreaterThan(1000);
    }
}
