package io.helpdesk.command.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.MovedMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging a ticket into another closes it and copies its messages over; later messages answering its mails or
 * from its customer on its channel land in the ticket it was merged into; unmerging restores both. Splitting
 * moves chosen messages into a new ticket of the same customer.
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=s3cret", "WEBHOOK_SECRET_EMAIL=mail-key",
                                  "WEBHOOK_RATE_PER_SECOND=1000"})
@DirtiesContext
class TicketMergeTest extends CommandApiTest {

    @Autowired
    EventStorageEngine store;

    private static String hex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String generic(String id, String from, String channel) throws Exception {
        String body = "{\"messageId\":\"" + id + "\",\"customerEmail\":\"" + from + "\",\"channel\":\"" + channel
                + "\",\"subject\":\"Hello\",\"body\":\"message " + id + "\"}";
        return http.post().uri("/api/webhooks/generic").contentType(MediaType.APPLICATION_JSON)
                   .header("X-Signature-256", "sha256=" + hex("s3cret", body)).bodyValue(body).exchange()
                   .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                   .path("ticketId").asText();
    }

    private String mail(String messageId, String from, String inReplyTo) throws Exception {
        long now = Instant.now().getEpochSecond();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("timestamp", String.valueOf(now));
        form.add("token", "tok-" + messageId);
        form.add("signature", hex("mail-key", now + "tok-" + messageId));
        form.add("sender", from);
        form.add("from", from);
        form.add("subject", "Invoice");
        form.add("stripped-text", "mail " + messageId);
        form.add("Message-Id", messageId);
        if (inReplyTo != null) {
            form.add("In-Reply-To", inReplyTo);
        }
        return http.post().uri("/api/webhooks/email").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                   .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody().path("ticketId").asText();
    }

    private JsonNode send(HttpMethod method, String uri, Object body, int status) {
        return call(method, uri, "ana", body).expectStatus().isEqualTo(status).expectBody(JsonNode.class)
                                             .returnResult().getResponseBody();
    }

    private MessagesMoved moved(String ticketId) {
        return store.readEvents(ticketId, 0).asStream().map(event -> event.getPayload())
                    .filter(MessagesMoved.class::isInstance).map(MessagesMoved.class::cast)
                    .reduce((first, later) -> later).orElseThrow();
    }

    private String eventId(String ticketId, String type) {
        return jdbc.queryForObject("""
                SELECT event_identifier FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number LIMIT 1""",
                String.class, ticketId, "%." + type);
    }

    @Test
    void a_merged_ticket_shows_in_the_other_and_its_later_messages_follow_until_unmerged() throws Exception {
        String a = generic("a-1", "amy@example.com", "CHAT");
        String b = mail("<b-1@mail.example>", "bea@example.com", null);
        send(HttpMethod.POST, "/api/tickets/" + b + "/notes", Map.of("body", "same as Amy's"), 201);
        send(HttpMethod.POST, "/api/tickets/" + b + "/replies", Map.of("body", "We are on it"), 201);

        send(HttpMethod.POST, "/api/tickets/" + b + "/merge", Map.of("into", b), 400);
        send(HttpMethod.POST, "/api/tickets/" + b + "/merge", Map.of("into", "no-such-ticket"), 404);
        JsonNode merged = send(HttpMethod.POST, "/api/tickets/" + b + "/merge", Map.of("into", a), 200);
        assertThat(merged.path("ticketId").asText()).isEqualTo(a);
        assertThat(events(b)).endsWith("TicketMerged", "TicketClosed");
        assertThat(events(a)).last().isEqualTo("MessagesMoved");
        MessagesMoved copy = moved(a);
        assertThat(copy.from()).isEqualTo(b);
        assertThat(copy.messages()).extracting(MovedMessage::kind)
                                   .containsExactly("OPENED", "NOTE", "AGENT_REPLY");
        assertThat(copy.messages().get(2).body()).isEqualTo("We are on it");
        assertThat(copy.messages()).extracting(MovedMessage::position).isSorted();
        JsonNode closed = send(HttpMethod.POST, "/api/tickets/" + b + "/merge", Map.of("into", a), 409);
        assertThat(closed.path("rule").asText()).isEqualTo("ClosedTicketIsFinal");

        // An answer to B's mail, from another address, and B's customer writing again on B's channel: both A's.
        assertThat(mail("<b-2@mail.example>", "bea.other@example.com", "<b-1@mail.example>")).isEqualTo(a);
        assertThat(generic("b-3", "bea@example.com", "EMAIL")).isEqualTo(a);

        send(HttpMethod.POST, "/api/tickets/" + b + "/unmerge", null, 200);
        assertThat(events(b)).endsWith("TicketUnmerged", "TicketReopened");
        assertThat(events(a)).last().isEqualTo("MergedMessagesRemoved");
        JsonNode again = send(HttpMethod.POST, "/api/tickets/" + b + "/unmerge", null, 409);
        assertThat(again.path("rule").asText()).isEqualTo("TicketNotMerged");
        // B is open again and its conversation goes on there.
        assertThat(generic("b-4", "bea@example.com", "EMAIL")).isEqualTo(b);
        assertThat(mail("<b-5@mail.example>", "bea@example.com", "<b-1@mail.example>")).isEqualTo(b);
        send(HttpMethod.POST, "/api/tickets/" + b + "/notes", Map.of("body", "back on its own"), 201);
    }

    @Test
    void chosen_messages_split_off_into_a_new_ticket_of_the_same_customer() throws Exception {
        String a = generic("s-1", "sam@example.com", "CHAT");
        generic("s-2", "sam@example.com", "CHAT");
        send(HttpMethod.POST, "/api/tickets/" + a + "/replies", Map.of("body", "Which order?"), 201);
        String message = eventId(a, "CustomerMessageReceived");
        String reply = eventId(a, "AgentReplied");

        JsonNode unknown = send(HttpMethod.POST, "/api/tickets/" + a + "/split",
                                Map.of("eventIds", List.of(message, "not-a-message")), 400);
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("eventIds[1]");
        send(HttpMethod.POST, "/api/tickets/" + a + "/split", Map.of("eventIds", List.of()), 400);
        String c = send(HttpMethod.POST, "/api/tickets/" + a + "/split",
                        Map.of("eventIds", List.of(reply, message), "subject", "Second order"), 201)
                .path("ticketId").asText();
        assertThat(events(a)).last().isEqualTo("MessagesSplitOff");
        assertThat(events(c)).startsWith("TicketOpened").contains("MessagesMoved");
        MessagesMoved copy = moved(c);
        assertThat(copy.reason()).isEqualTo(MessagesMoved.SPLIT);
        assertThat(copy.messages()).extracting(MovedMessage::eventId).containsExactly(message, reply);
        assertThat(stored(".TicketOpened").stream().filter(e -> e.aggregateId().equals(c)).findFirst().orElseThrow()
                                          .payload())
                .contains("\"customerEmail\":\"sam@example.com\"").contains("\"subject\":\"Second order\"");
        // A message split off once is no longer the old ticket's.
        JsonNode twice = send(HttpMethod.POST, "/api/tickets/" + a + "/split", Map.of("eventIds", List.of(message)),
                              400);
        assertThat(twice.path("errors").get(0).path("field").asText()).isEqualTo("eventIds[0]");
    }
}
