package io.helpdesk.command.channel;

import io.helpdesk.command.CommandApiTest;
import io.helpdesk.domain.channel.ChannelId;
import io.helpdesk.domain.channel.EditMessage;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.channel.PostMessage;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A channel with 10,000 messages: the first command after they arrive loads them all and leaves a snapshot;
 * later commands load the snapshot and the few events after it, and still know every message's author.
 */
class ChannelSnapshotTest extends CommandApiTest {

    private static final int MESSAGES = 10_000;

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commands;

    @Test
    void a_channel_with_ten_thousand_messages_loads_from_a_snapshot() {
        Map<?, ?> created = post("/api/channels", "ana", Map.of("type", "PUBLIC", "name", "busy", "members", List.of()))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String channel = (String) created.get("channelId");
        appendMessages(channel);
        ChannelId id = new ChannelId(channel);

        long fromEvents = timeMillis(() -> commands.sendAndWait(new PostMessage(id, "after-1", "bo", "hi", null, null)));
        Long snapshotAt = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT max(sequence_number) FROM eventstore.snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, channel), seq -> seq != null && seq >= MESSAGES);
        long fromSnapshot = timeMillis(() -> commands.sendAndWait(new PostMessage(id, "after-2", "bo", "hi", null, null)));
        System.out.printf("channel with %d messages: command took %d ms loading all events, %d ms from the snapshot "
                                  + "at sequence %d%n", MESSAGES, fromEvents, fromSnapshot, snapshotAt);

        // State restored from the snapshot still knows who wrote message 5000 (author 5000 mod 7).
        assertThatThrownBy(() -> commands.sendAndWait(new EditMessage(id, "m-5000", "bo", "not mine")))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("message m-5000 was written by author-2");
        commands.sendAndWait(new EditMessage(id, "m-5000", "author-2", "edited after the snapshot"));
        assertThat(events(channel)).hasSize(MESSAGES + 4).endsWith("MessageEdited");
    }

    private void appendMessages(String channel) {
        for (int batch = 0; batch < MESSAGES / 1000; batch++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                events.add(new GenericDomainEventMessage<>("Channel", channel, i + 1L, new MessagePosted(
                        channel, "m-" + i, "author-" + (i % 7), "message " + i, null, null, List.of())));
            }
            eventStore.publish(events);
        }
    }

    private static long timeMillis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
