package io.helpdesk.command.security;

import io.helpdesk.command.CommandApiTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.eventstore.testing.AccessMatrix;
import io.helpdesk.eventstore.testing.AccessMatrix.Endpoint;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.helpdesk.security.Role.ADMIN;
import static io.helpdesk.security.Role.AGENT;
import static io.helpdesk.security.Role.MANAGER;
import static io.helpdesk.security.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

// Calls every endpoint with every role, administration included: a context of its own, so that nothing it
// changes reaches the classes that share one.
@TestPropertySource(properties = "helpdesk.test.context=access")
@DirtiesContext
class AccessTest extends CommandApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    /** The rules as the README states them, per path; every mapped endpoint must fall under one. */
    private static Set<Role> allowed(Endpoint endpoint) {
        String path = endpoint.pattern();
        if (path.startsWith("/api/tickets") || path.startsWith("/api/handoffs") || path.startsWith("/api/channels")
                || path.equals("/api/attachments")) {
            return AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        if (path.startsWith("/api/admin/")) {
            return AccessMatrix.roles(ADMIN);
        }
        if (path.startsWith("/api/macros")) {
            boolean writes = (endpoint.method() == HttpMethod.POST && path.equals("/api/macros"))
                    || endpoint.method() == HttpMethod.PUT;
            return writes ? AccessMatrix.roles(MANAGER, ADMIN) : AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        if (path.startsWith("/api/agents")) {
            boolean profile = endpoint.method() == HttpMethod.PUT && !path.endsWith("/availability");
            return profile ? AccessMatrix.roles(MANAGER, ADMIN) : AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        if (path.startsWith("/api/rules")) {
            return endpoint.method() == HttpMethod.GET ? AccessMatrix.roles(AGENT, MANAGER, ADMIN)
                                                       : AccessMatrix.roles(MANAGER, ADMIN);
        }
        if (path.equals("/api/fields")) {
            return AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        if (path.endsWith("/erasure") || path.endsWith("/export")) {
            return AccessMatrix.roles(MANAGER, ADMIN);
        }
        if (path.startsWith("/api/contacts")) {
            return AccessMatrix.roles(AGENT, MANAGER, ADMIN);
        }
        if (path.startsWith("/api/organizations")) {
            return AccessMatrix.roles(MANAGER, ADMIN);
        }
        throw new AssertionError("no access rule written down for " + endpoint);
    }

    @Test
    void every_endpoint_with_every_role_and_with_no_or_a_bad_token() {
        List<Endpoint> endpoints = AccessMatrix.endpoints(context).stream()
                                               // Signed instead: each checks its own signature.
                                               .filter(endpoint -> !endpoint.pattern().startsWith("/api/webhooks/")
                                                       && !endpoint.pattern().startsWith("/api/links/"))
                                               .toList();
        assertThat(endpoints).hasSizeGreaterThan(35);
        AccessMatrix matrix = new AccessMatrix("http://127.0.0.1:" + port);
        endpoints.forEach(endpoint -> matrix.check(endpoint, allowed(endpoint)));
    }

    @Test
    void an_agent_works_a_ticket_from_first_message_to_close() {
        String id = openTicketAs("agent-1");
        post("/api/tickets/" + id + "/assignment", "agent-1", Map.of("assignee", "agent-1", "team", "billing"),
             AGENT, "billing").expectStatus().isOk();
        post("/api/tickets/" + id + "/replies", "agent-1", Map.of("body", "On it"), AGENT).expectStatus().isCreated();
        post("/api/tickets/" + id + "/resolve", "agent-1", Map.of("resolution", "refunded"), AGENT)
                .expectStatus().isOk();
        post("/api/tickets/" + id + "/close", "agent-1", null, AGENT).expectStatus().isOk();
        assertThat(events(id)).containsExactly("TicketOpened", "TicketAssigned", "AgentReplied", "TicketResolved",
                                               "TicketClosed");
        assertThat(jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                                             + "WHERE aggregate_identifier = ? AND sequence_number > 0",
                                     String.class, id))
                .allSatisfy(metaData -> assertThat(metaData).contains("\"user\":\"agent-1\""));
    }

    @Test
    void only_a_manager_assigns_to_a_team_the_caller_is_not_in() {
        String id = openTicketAs("agent-1");
        post("/api/tickets/" + id + "/assignment", "agent-1", Map.of("assignee", "dee", "team", "returns"),
             AGENT, "billing")
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(events(id)).containsExactly("TicketOpened");
        post("/api/tickets/" + id + "/assignment", "lead-1", Map.of("assignee", "dee", "team", "returns"),
             MANAGER).expectStatus().isOk();
        assertThat(events(id)).containsExactly("TicketOpened", "TicketAssigned");
    }

    @Test
    void the_local_token_helper_does_not_exist_outside_the_local_profile() {
        http.get().uri("/api/dev/token?user=eve&roles=ADMIN").exchange().expectStatus().isNotFound();
    }

    @Test
    void a_viewer_sends_no_commands() {
        post("/api/tickets", "wall", Map.of("customerEmail", "a@example.com", "channel", "EMAIL", "subject", "x",
                                            "body", "y"), VIEWER)
                .expectStatus().isForbidden();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry "
                                               + "WHERE meta_data IS NOT NULL AND convert_from(meta_data, 'UTF8') "
                                               + "LIKE '%\"user\":\"wall\"%'", Long.class)).isZero();
    }

    private String openTicketAs(String user) {
        Map<?, ?> created = post("/api/tickets", user, Map.of("customerEmail", "ana@example.com", "channel", "EMAIL",
                                                              "subject", "Help", "body", "Please"), AGENT)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("ticketId");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
            String uri, String user, Object body, Role role, String... teams) {
        var request = http.post().uri(uri).headers(TestTokens.as(user, role, teams))
                          .contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }
}
