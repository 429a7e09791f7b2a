package io.helpdesk.query.security;

import io.helpdesk.eventstore.testing.AccessMatrix;
import io.helpdesk.eventstore.testing.AccessMatrix.Endpoint;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Set;

import static io.helpdesk.security.Role.ADMIN;
import static io.helpdesk.security.Role.AGENT;
import static io.helpdesk.security.Role.MANAGER;
import static io.helpdesk.security.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

@QueryAppTest
class AccessTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    /** The rules as the README states them, per path; every mapped endpoint must fall under one. */
    private static Set<Role> allowed(Endpoint endpoint) {
        String path = endpoint.pattern();
        if (path.startsWith("/api/admin/")) {
            return AccessMatrix.roles(ADMIN);
        }
        if (path.startsWith("/api/audit/") || path.startsWith("/api/history/")
                || path.equals("/api/analytics/tickets") || path.equals("/api/analytics/tickets.csv")) {
            return AccessMatrix.roles(MANAGER, ADMIN);
        }
        if (path.startsWith("/api/analytics/") || path.startsWith("/api/sla/") || path.equals("/api/stream")) {
            return AccessMatrix.roles(VIEWER, AGENT, MANAGER, ADMIN);
        }
        if (path.equals("/api/inbox") || path.startsWith("/api/tickets/") || path.startsWith("/api/customers/")
                || path.startsWith("/api/notifications") || path.startsWith("/api/channels")
                || path.startsWith("/api/contacts") || path.startsWith("/api/organizations")) {
            return AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        throw new AssertionError("no access rule written down for " + endpoint);
    }

    @Test
    void every_endpoint_with_every_role_and_with_no_or_a_bad_token() {
        // The dashboard's settings are open (they hold no secret; they say how to sign in).
        List<Endpoint> endpoints = AccessMatrix.endpoints(context).stream()
                                               .filter(endpoint -> !endpoint.pattern().equals("/api/ui/config"))
                                               .toList();
        assertThat(endpoints).hasSizeGreaterThan(25);
        TestTokens.independentClient("http://127.0.0.1:" + port).get().uri("/api/ui/config").exchange()
                  .expectStatus().isOk();
        AccessMatrix matrix = new AccessMatrix("http://127.0.0.1:" + port);
        endpoints.forEach(endpoint -> matrix.check(endpoint, allowed(endpoint)));
    }

    @Test
    void each_role_reads_what_it_is_for() {
        WebTestClient http = client();
        http.get().uri("/api/analytics/volume").headers(TestTokens.as("wall", VIEWER)).exchange()
            .expectStatus().isOk();
        http.get().uri("/api/sla/compliance").headers(TestTokens.as("wall", VIEWER)).exchange()
            .expectStatus().isOk();
        http.get().uri("/api/inbox").headers(TestTokens.as("wall", VIEWER)).exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/inbox?view=mine").headers(TestTokens.as("ana", AGENT, "billing")).exchange()
            .expectStatus().isOk();
        http.get().uri("/api/analytics/tickets.csv").headers(TestTokens.as("ana", AGENT)).exchange()
            .expectStatus().isForbidden();
        http.get().uri("/api/analytics/tickets.csv").headers(TestTokens.as("lead", MANAGER)).exchange()
            .expectStatus().isOk();
        http.get().uri("/api/audit/events").headers(TestTokens.as("lead", MANAGER)).exchange()
            .expectStatus().isOk();
        http.get().uri("/api/admin/processors").headers(TestTokens.as("lead", MANAGER)).exchange()
            .expectStatus().isForbidden();
        http.get().uri("/api/admin/processors").headers(TestTokens.as("root", ADMIN)).exchange()
            .expectStatus().isOk();
    }

    @Test
    void the_actuator_beyond_health_needs_an_admin_token() {
        client().get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/info").headers(TestTokens.as("root", ADMIN)).exchange().expectStatus().isOk();
        client().get().uri("/actuator/metrics/helpdesk.dead.letters?tag=group:inbox")
                .headers(TestTokens.as("root", ADMIN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(0.0);
    }

    @Test
    void an_event_stream_takes_the_token_from_the_query_where_a_browser_cannot_set_headers() {
        String token = TestTokens.token("wall", Set.of(VIEWER), List.of());
        FluxExchangeResult<String> stream = client().get().uri("/api/stream?access_token=" + token)
                                                    .accept(MediaType.TEXT_EVENT_STREAM)
                                                    .exchange().returnResult(String.class);
        assertThat(stream.getStatus().value()).isEqualTo(200);
        stream.getResponseBody().subscribe().dispose();
        client().get().uri("/api/sla/compliance?access_token=" + token).exchange()
                .expectStatus().isUnauthorized();
    }

    private WebTestClient client() {
        return TestTokens.independentClient("http://127.0.0.1:" + port);
    }
}
