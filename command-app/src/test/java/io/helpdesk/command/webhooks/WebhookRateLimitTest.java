package io.helpdesk.command.webhooks;

import io.helpdesk.command.CommandApiTest;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=s3cret", "WEBHOOK_RATE_PER_SECOND=3"})
@DirtiesContext
class WebhookRateLimitTest extends CommandApiTest {

    @Test
    void a_source_that_sends_too_fast_is_told_to_come_back_later() {
        List<EntityExchangeResult<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(http.post().uri("/api/webhooks/generic").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("{}").exchange().expectBody(String.class).returnResult());
        }
        List<EntityExchangeResult<String>> limited = answers.stream()
                .filter(answer -> answer.getStatus().value() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        // The first ones within the limit got through to the signature check.
        assertThat(answers.get(0).getStatus().value()).isEqualTo(401);
    }
}
