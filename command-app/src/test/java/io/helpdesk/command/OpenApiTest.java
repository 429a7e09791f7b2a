package io.helpdesk.command;

import org.junit.jupiter.api.Test;

class OpenApiTest extends CommandApiTest {

    @Test
    void the_command_api_is_described_by_openapi() {
        http.get().uri("/v3/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.paths['/api/tickets'].post").exists()
            .jsonPath("$.paths['/api/handoffs/{handoffId}/accept'].post").exists()
            .jsonPath("$.paths['/api/channels/{channelId}/messages'].post").exists()
            .jsonPath("$.paths['/api/tickets/{ticketId}/draft'].put").exists();
    }
}
