package io.helpdesk.command;

import org.junit.jupiter.api.Test;

class OpenApiTest extends CommandApiTest {

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
