package io.helpdesk.query;

import io.helpdesk.eventstore.testing.FuzzRun;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query endpoint, with odd ids, odd parameters and hostile bodies: never a 5xx, every 4xx a
 * problem+json, every answer one that the published OpenAPI description allows.
 */
@QueryAppTest
class FuzzTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void no_request_is_answered_with_a_server_error_a_bare_client_error_or_outside_the_api_description() {
        FuzzRun.Result result = FuzzRun.checkEveryEndpoint("query-app", "http://127.0.0.1:" + port, context, 25);
        assertThat(result.requests()).isGreaterThan(500);
    }
}
