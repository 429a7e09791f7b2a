package io.helpdesk.query.audit;

import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.query.readmodels.History;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;

import static io.helpdesk.security.Role.ADMIN;
import static io.helpdesk.security.Role.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private channel's messages are for its members: time travel follows the same rule as reading, and the
 * audit export shows MANAGER that messages were written, by whom and when, with their text for ADMIN only.
 */
@QueryAppTest
class PrivateChannelHistoryTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    private void history() {
        new History(eventStore)
                .at("2026-11-03T08:00:00Z")
                .channel("p1", new ChannelCreated("p1", ChannelType.PRIVATE, "leads", null, "mia", List.of("mia", "lea")),
                         new MessagePosted("p1", "m1", "mia", "the secret plan", null, null, List.of("lea")))
                .channel("o1", new ChannelCreated("o1", ChannelType.PUBLIC, "all", null, "mia", List.of("mia")),
                         new MessagePosted("o1", "m2", "mia", "the open plan", null, null, List.of()));
        // Until the channels read model has them, membership is taken from the channel's own history.
        http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
            .get().uri("/api/admin/processors").header("X-Min-Position", "4").exchange().expectStatus().isOk();
    }

    private String export(String aggregateId, WebTestClient.RequestHeadersSpec<?> spec) {
        return spec.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void time_travel_and_the_audit_export_keep_a_private_channels_text_to_its_members_and_admins() {
        history();
        http.get().uri("/api/history/channels/p1").headers(TestTokens.as("lead", MANAGER)).exchange()
            .expectStatus().isForbidden();
        http.get().uri("/api/history/channels/p1").headers(TestTokens.as("mia", MANAGER)).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.state.messages").isEqualTo(1);
        http.get().uri("/api/history/channels/o1").headers(TestTokens.as("lead", MANAGER)).exchange()
            .expectStatus().isOk();

        String managers = export("p1", http.get().uri("/api/audit/events?aggregateId=p1")
                                           .headers(TestTokens.as("lead", MANAGER)));
        assertThat(managers).doesNotContain("the secret plan").contains(PrivateChannels.REDACTED)
                            .contains("\"records\":2");
        String admins = export("p1", http.get().uri("/api/audit/events?aggregateId=p1")
                                         .headers(TestTokens.as("root", ADMIN)));
        assertThat(admins).contains("the secret plan");
        String open = export("o1", http.get().uri("/api/audit/events?aggregateId=o1")
                                       .headers(TestTokens.as("lead", MANAGER)));
        assertThat(open).contains("the open plan");
    }
}
