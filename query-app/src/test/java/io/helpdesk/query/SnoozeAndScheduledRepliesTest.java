package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A snoozed ticket leaves the inbox views and comes back at its time or when the customer writes; a scheduled
 * reply is sent at its time, or cancelled when the customer writes first, and its agent is told.
 */
class SnoozeAndScheduledRepliesTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create(), false,
                           new String[]{"--helpdesk.deadlines.polling-interval=200ms"}, new String[0]);
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static String open(String subject) {
        return apps.commands().post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(Map.of("customerEmail", "gil@example.com", "channel", "EMAIL", "subject", subject,
                                     "body", "..."))
                   .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                   .getResponseBody().path("ticketId").asText();
    }

    private static JsonNode send(String method, String uri, Object body, int status) {
        var request = apps.commands().method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                          .contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static JsonNode query(String uri) {
        return apps.queries().get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                   .returnResult().getResponseBody();
    }

    private static void until(String uri, Predicate<JsonNode> holds) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
               .until(() -> query(uri), holds);
    }

    private static Predicate<JsonNode> lists(String ticket) {
        return page -> page.path("items").findValuesAsText("ticketId").contains(ticket);
    }

    @Test
    void a_snoozed_ticket_leaves_the_inbox_and_comes_back_when_the_customer_writes_or_at_its_time() {
        String waiting = open("Snoozed until the customer writes");
        String timed = open("Snoozed for two seconds");
        send("PUT", "/api/tickets/" + waiting + "/snooze", Map.of(), 200);
        send("PUT", "/api/tickets/" + timed + "/snooze", Map.of("until", Instant.now().plusSeconds(2).toString()),
             200);
        until("/api/inbox?snoozed=true&q=Snoozed", page -> lists(waiting).test(page) && lists(timed).test(page));
        assertThat(query("/api/inbox?q=Snoozed&limit=200").path("items").findValuesAsText("ticketId"))
                .doesNotContain(waiting);
        JsonNode snoozed = query("/api/tickets/" + waiting);
        assertThat(snoozed.path("snoozed").asBoolean()).isTrue();
        assertThat(snoozed.path("snoozedUntil").isNull()).isTrue();

        until("/api/inbox?q=Snoozed&limit=200", lists(timed));
        assertThat(query("/api/inbox?q=Snoozed&limit=200").path("items").findValuesAsText("ticketId"))
                .doesNotContain(waiting);
        send("POST", "/api/tickets/" + waiting + "/messages", Map.of("externalMessageId", "m-1", "body", "Hello?"),
             200);
        until("/api/inbox?q=Snoozed&limit=200", lists(waiting));
        assertThat(query("/api/tickets/" + timed).path("timeline").findValuesAsText("detail")).contains("TIME");
    }

    @Test
    void a_scheduled_reply_is_sent_at_its_time_or_cancelled_when_the_customer_writes_first() {
        String sent = open("Reply later");
        JsonNode scheduled = send("POST", "/api/tickets/" + sent + "/scheduled-replies",
                                  Map.of("body", "Your parcel left today.",
                                         "at", Instant.now().plusSeconds(2).toString()), 201);
        assertThat(scheduled.path("scheduleId").asText()).isNotBlank();
        until("/api/tickets/" + sent, ticket -> ticket.path("replyCount").asInt() == 1);

        String cancelled = open("Customer writes first");
        String scheduleId = send("POST", "/api/tickets/" + cancelled + "/scheduled-replies",
                                 Map.of("body", "Following up", "at", Instant.now().plusSeconds(3600).toString()), 201)
                .path("scheduleId").asText();
        send("POST", "/api/tickets/" + cancelled + "/messages", Map.of("externalMessageId", "m-2", "body", "Cancel"),
             200);
        until("/api/notifications", page -> page.toString().contains("\"kind\":\"REPLY_CANCELLED\"")
                && page.toString().contains(cancelled));
        JsonNode refused = send("DELETE", "/api/tickets/" + cancelled + "/scheduled-replies/" + scheduleId, null,
                                409);
        assertThat(refused.path("rule").asText()).isEqualTo("ScheduledReplyMustBePending");
        assertThat(query("/api/tickets/" + cancelled).path("replyCount").asInt()).isZero();

        JsonNode past = send("POST", "/api/tickets/" + cancelled + "/scheduled-replies",
                             Map.of("body", "Too late", "at", "2020-01-01T00:00:00Z"), 400);
        assertThat(past.toString()).contains("\"field\":\"at\"");
    }
}
