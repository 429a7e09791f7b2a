package io.helpdesk.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.query.readmodels.History;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a read model cannot store is set aside with the later events of its ticket, every other ticket goes
 * on, and an administrator sees it, retries it once the cause is gone, or evicts it.
 */
@QueryAppTest
class DeadLettersTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private static TicketOpened opened(String id, String subject) {
        return new TicketOpened(id, id + "@example.com", "C", ContactChannel.EMAIL, subject, "body", 5, Priority.P2);
    }

    private JsonNode get(String uri) {
        return http.mutate().responseTimeout(Duration.ofSeconds(30)).build().get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                   .getResponseBody();
    }

    private List<String> inboxTickets() {
        List<String> ids = new ArrayList<>();
        get("/api/inbox?limit=200").path("items").forEach(item -> ids.add(item.path("ticketId").asText()));
        return ids;
    }

    private JsonNode letters(String group) {
        return get("/api/admin/dead-letters?group=" + group);
    }

    private JsonNode processor(String name) {
        for (JsonNode processor : get("/api/admin/processors")) {
            if (processor.path("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name);
    }

    @Test
    void an_event_the_inbox_cannot_store_is_set_aside_with_its_tickets_later_events_and_the_rest_goes_on() {
        new History(eventStore).at("2025-03-03T09:00:00Z")
                               .ticket("dl-good-1", opened("dl-good-1", "fine"))
                               .ticket("dl-bad", opened("dl-bad", "nul \u0000 inside"),
                                       // Waits behind the ticket's first event, though harmless on its own.
                                       new CustomerMessageReceived("dl-bad", "m1", "hello"))
                               .ticket("dl-good-2", opened("dl-good-2", "fine too"))
                               .ticket("dl-bad-x", opened("dl-bad-x", "fine"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(inboxTickets()).contains("dl-good-1", "dl-good-2", "dl-bad-x").doesNotContain("dl-bad");
            assertThat(letters("inbox")).hasSize(2);
        });
        JsonNode first = letters("inbox").get(0);
        assertThat(first.path("sequence").asText()).isEqualTo("dl-bad");
        assertThat(first.path("payloadType").asText()).endsWith("TicketOpened");
        assertThat(first.path("causeMessage").asText()).contains("0x00");
        assertThat(first.path("position").asLong()).isPositive();
        JsonNode second = letters("inbox").get(1);
        assertThat(second.path("payloadType").asText()).endsWith("CustomerMessageReceived");
        assertThat(second.path("index").asLong()).isGreaterThan(first.path("index").asLong());

        JsonNode inbox = processor("inbox");
        assertThat(inbox.path("deadLetters").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processor("inbox").path("lag").asLong()).isZero();
            assertThat(processor("inbox").path("failing").isNull()).isTrue();
        });

        // Retrying changes nothing while the cause is still there.
        JsonNode retried = http.post().uri("/api/admin/dead-letters/inbox/dl-bad/retry").exchange()
                               .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(retried.path("remaining").asLong()).isEqualTo(2);

        JsonNode evicted = http.delete().uri("/api/admin/dead-letters/inbox/dl-bad").exchange()
                               .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(evicted.path("evicted").asLong()).isEqualTo(2);
        assertThat(letters("inbox")).isEmpty();
        http.delete().uri("/api/admin/dead-letters/inbox/dl-bad").exchange().expectStatus().isNotFound();
    }

    @Test
    void a_dead_letter_retried_after_its_cause_is_gone_is_applied_in_order_and_leaves_the_queue() {
        jdbc.execute("""
                CREATE FUNCTION readmodel.refuse_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.subject = 'blocked' THEN RAISE EXCEPTION 'subject blocked by test'; END IF;
                  RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_blocked BEFORE INSERT ON readmodel.inbox_ticket "
                             + "FOR EACH ROW EXECUTE FUNCTION readmodel.refuse_blocked()");
        new History(eventStore).at("2025-03-04T09:00:00Z")
                               .ticket("rt-blocked", opened("rt-blocked", "blocked"),
                                       new TicketAssigned("rt-blocked", "kim", "billing", null))
                               .ticket("rt-other", opened("rt-other", "fine"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(inboxTickets()).contains("rt-other");
            assertThat(letters("inbox")).extracting(l -> l.path("sequence").asText())
                                        .containsExactly("rt-blocked", "rt-blocked");
        });

        jdbc.execute("DROP TRIGGER refuse_blocked ON readmodel.inbox_ticket");
        JsonNode retried = http.post().uri("/api/admin/dead-letters/inbox/rt-blocked/retry").exchange()
                               .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(retried.path("processed").asBoolean()).isTrue();
        assertThat(retried.path("remaining").asLong()).isZero();
        assertThat(letters("inbox")).isEmpty();
        JsonNode ticket = get("/api/tickets/rt-blocked");
        assertThat(ticket.path("assignee").asText()).isEqualTo("kim");
    }

    @Test
    void only_admins_see_dead_letters_and_unknown_sequences_answer_404() {
        http.post().uri("/api/admin/dead-letters/inbox/nothing-here/retry").exchange().expectStatus().isNotFound();
        http.post().uri("/api/admin/dead-letters/no-such-group/x/retry").exchange().expectStatus().isNotFound();
        http.get().uri("/api/admin/dead-letters?limit=0").exchange().expectStatus().isBadRequest();
    }
}
