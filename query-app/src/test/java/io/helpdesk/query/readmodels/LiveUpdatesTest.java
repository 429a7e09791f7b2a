package io.helpdesk.query.readmodels;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.query.QueryAppTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QueryAppTest
class LiveUpdatesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Test
    void a_dashboard_hears_of_a_new_ticket_and_a_notification_over_server_sent_events() {
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable subscription = http.get().uri("/api/stream")
                                       .headers(TestTokens.as("bo", "billing"))
                                       .exchange().expectStatus().isOk()
                                       .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                                       })
                                       .getResponseBody()
                                       .subscribe(received::add);
        try {
            // The first event says the stream is attached; only changes after it can be heard.
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            new History(eventStore).at("2026-11-09T09:00:00Z")
                                   .ticket("live-1", new TicketOpened("live-1", "l@example.com", null,
                                                                      ContactChannel.SMS, "Hi", "Hello", 1, Priority.P3),
                                           new io.helpdesk.domain.ticket.InternalNoteAdded(
                                                   "live-1", "n", "ana", "@bo look", List.of("bo")));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(
                    event -> "ticket".equals(event.event()) && "live-1".equals(event.data())));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(
                    event -> "notification".equals(event.event()) && "bo".equals(event.data())));
        } finally {
            subscription.dispose();
        }
    }

    private Disposable listen(String user, List<ServerSentEvent<String>> received) {
        return http.get().uri("/api/stream?topics=channel").headers(TestTokens.as(user, "billing"))
                   .exchange().expectStatus().isOk()
                   .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                   })
                   .getResponseBody()
                   .subscribe(received::add);
    }

    @Test
    void a_private_channels_changes_reach_its_members_only() {
        List<ServerSentEvent<String>> member = new CopyOnWriteArrayList<>();
        List<ServerSentEvent<String>> outsider = new CopyOnWriteArrayList<>();
        Disposable one = listen("mia", member);
        Disposable two = listen("otto", outsider);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !member.isEmpty() && !outsider.isEmpty());
            History history = new History(eventStore).at("2026-11-09T10:00:00Z");
            history.channel("secret-1", new io.helpdesk.domain.channel.ChannelCreated(
                    "secret-1", io.helpdesk.domain.channel.ChannelType.PRIVATE, "secret", null, "mia",
                    List.of("mia", "lea")));
            await().atMost(Duration.ofSeconds(10)).until(() -> member.stream().anyMatch(
                    event -> "channel".equals(event.event()) && "secret-1".equals(event.data())));
            history.channel("open-1", new io.helpdesk.domain.channel.ChannelCreated(
                    "open-1", io.helpdesk.domain.channel.ChannelType.PUBLIC, "open", null, "mia", List.of("mia")));
            // Announced after the private one, in order on every stream: once the outsider has it, the other
            // has been decided.
            await().atMost(Duration.ofSeconds(10)).until(() -> outsider.stream().anyMatch(
                    event -> "channel".equals(event.event()) && "open-1".equals(event.data())));
            assertThat(outsider).noneMatch(event -> "secret-1".equals(event.data()));
        } finally {
            one.dispose();
            two.dispose();
        }
    }
}
