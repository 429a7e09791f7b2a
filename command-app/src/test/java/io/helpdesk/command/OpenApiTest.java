package io.helpdesk.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.eventstore.testing.PublishedApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends CommandApiTest {

    /** Rules only the app's own automation meets (routing, blocked senders): no operation answers them. */
    private static final Set<Rule> INTERNAL = EnumSet.of(Rule.RoutedOnlyWhileOpen, Rule.RoutedOnlyWhileUnassigned,
                                                         Rule.RoutedOnlyWithinCapacity, Rule.SenderMustBeBlocked);

    @Value("${local.server.port}")
    int port;

    @Test
    void each_operations_conflict_names_the_rules_it_can_give() throws Exception {
        JsonNode api = new ObjectMapper().readTree(http.get().uri("/v3/api-docs").exchange()
                                                       .expectStatus().isOk()
                                                       .expectBody(byte[].class).returnResult().getResponseBody());
        assertThat(rules(api, "/api/tickets/{ticketId}/close", "post"))
                .containsExactly("ClosedTicketIsFinal", "stale-version");
        assertThat(rules(api, "/api/handoffs/{handoffId}/complete", "post"))
                .containsExactly("HandoffLifeCycle", "OnlyTheAcceptorCompletes", "stale-version");
        assertThat(rules(api, "/api/tickets/{ticketId}/links", "post")).containsExactly("stale-version");
        Set<String> listed = new TreeSet<>();
        api.path("paths").forEach(item -> item.fields().forEachRemaining(
                operation -> operation.getValue().path("responses").path("409").path("content")
                                      .path("application/problem+json").path("schema").path("allOf")
                                      .forEach(part -> part.path("properties").path("rule").path("enum")
                                                           .forEach(rule -> listed.add(rule.asText())))));
        for (Rule rule : Rule.values()) {
            assertThat(listed.contains(rule.name())).as(rule + " is listed by an operation, or is internal")
                                                    .isNotEqualTo(INTERNAL.contains(rule));
        }
        // The answers the tests check against the description are held to the list.
        PublishedApi published = PublishedApi.of("http://127.0.0.1:" + port);
        assertThat(published.mismatches("POST", "/api/tickets/t1/close", 409, "application/problem+json",
                                        "{\"status\":409,\"rule\":\"ClosedTicketIsFinal\"}")).isEmpty();
        assertThat(published.mismatches("POST", "/api/tickets/t1/close", 409, "application/problem+json",
                                        "{\"status\":409,\"rule\":\"CsatOnlyOnce\"}")).isNotEmpty();
        assertThat(published.mismatches("POST", "/api/tickets/t1/close", 409, "application/problem+json",
                                        "{\"status\":409,\"title\":\"Concurrent modification\"}")).isEmpty();
    }

    private static List<String> rules(JsonNode api, String path, String method) {
        List<String> rules = new ArrayList<>();
        api.path("paths").path(path).path(method).path("responses").path("409").path("content")
           .path("application/problem+json").path("schema").path("allOf")
           .forEach(part -> part.path("properties").path("rule").path("enum").forEach(rule -> rules.add(rule.asText())));
        return rules;
    }

    @Test
    void the_command_api_is_described_by_openapi_with_its_security_statuses_problems_and_webhook_bodies() {
        http.get().uri("/v3/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.openapi").isEqualTo("3.0.1")
            .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
            .jsonPath("$.paths['/api/tickets'].post.security[0].bearer").exists()
            .jsonPath("$.paths['/api/tickets'].post.responses['201'].content['application/json'].schema['$ref']")
            .isEqualTo("#/components/schemas/OpenTicketEndpointResponse")
            .jsonPath("$.paths['/api/tickets'].post.responses['409'].content['application/problem+json']").exists()
            .jsonPath("$.paths['/api/tickets'].post.responses['503'].content['application/problem+json']").exists()
            .jsonPath("$.paths['/api/channels/{channelId}/messages'].post.responses['201']").exists()
            .jsonPath("$.paths['/api/handoffs/{handoffId}/accept'].post.responses['404']").exists()
            // Two endpoints' records called Done are two schemas, each with its own field.
            .jsonPath("$.components.schemas.ChannelEndpointsDone.properties.channelId").exists()
            .jsonPath("$.components.schemas.TicketConversationEndpointsDone.properties.ticketId").exists()
            .jsonPath("$.components.schemas.Problem.properties.errors").exists()
            // Webhooks carry no bearer token and say what the providers send.
            .jsonPath("$.paths['/api/webhooks/twilio'].post.security").doesNotExist()
            .jsonPath("$.paths['/api/webhooks/twilio'].post.requestBody.content['application/x-www-form-urlencoded'].schema['$ref']")
            .isEqualTo("#/components/schemas/ProviderShapesTwilioMessage")
            .jsonPath("$.paths['/api/webhooks/meta'].post.requestBody.content['application/json'].schema['$ref']")
            .isEqualTo("#/components/schemas/ProviderShapesMetaDelivery")
            .jsonPath("$.paths['/api/webhooks/email'].post.requestBody.content['multipart/form-data']").exists()
            .jsonPath("$.paths['/api/webhooks/generic'].post.requestBody.content['application/json'].schema['$ref']")
            .isEqualTo("#/components/schemas/GenericWebhookEndpointMessage");
    }
}
