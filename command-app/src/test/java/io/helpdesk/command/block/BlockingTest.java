package io.helpdesk.command.block;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocked sender's messages open no ticket: they are kept, once each, where ADMIN reads them; unblocked, the
 * sender's next message opens a ticket again. Marking a ticket as spam closes it and names the sender to block.
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=s3cret", "WEBHOOK_RATE_PER_SECOND=1000"})
@DirtiesContext
class BlockingTest extends CommandApiTest {

    private JsonNode deliver(String id, String from, String text) throws Exception {
        String body = "{\"messageId\":\"" + id + "\",\"customerEmail\":\"" + from + "\",\"channel\":\"EMAIL\","
                + "\"subject\":\"Offer\",\"body\":\"" + text + "\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http.post().uri("/api/webhooks/generic").contentType(MediaType.APPLICATION_JSON)
                   .header("X-Signature-256", signature).bodyValue(body).exchange()
                   .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode as(Role role, HttpMethod method, String uri, Object body, int status) {
        var request = http.method(method).uri(uri).headers(TestTokens.as("root", role))
                          .contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private long ticketsFrom(String sender) {
        return stored(".TicketOpened").stream().filter(e -> e.payload().contains(sender)).count();
    }

    @Test
    void a_blocked_domain_opens_no_ticket_admin_reads_what_it_sent_and_an_unblocked_sender_is_heard_again()
            throws Exception {
        as(Role.MANAGER, HttpMethod.POST, "/api/admin/blocked-senders", Map.of("sender", "@spam.example"), 403);
        JsonNode blocked = as(Role.ADMIN, HttpMethod.POST, "/api/admin/blocked-senders",
                              Map.of("sender", "@Spam.Example", "reason", "bulk offers"), 201);
        assertThat(blocked.path("pattern").asText()).isEqualTo("@spam.example");
        as(Role.ADMIN, HttpMethod.POST, "/api/admin/blocked-senders", Map.of("sender", "@com"), 400);

        JsonNode first = deliver("spam-1", "win@spam.example", "You won");
        assertThat(first.path("blocked").asBoolean()).isTrue();
        assertThat(first.path("ticketId").isNull()).isTrue();
        assertThat(deliver("spam-1", "win@spam.example", "You won").path("duplicate").asBoolean()).isTrue();
        deliver("spam-2", "prize@spam.example", "Claim now");
        assertThat(ticketsFrom("spam.example")).isZero();
        JsonNode messages = as(Role.ADMIN, HttpMethod.GET, "/api/admin/blocked-senders/@spam.example/messages", null,
                               200);
        assertThat(messages.findValuesAsText("messageId")).containsExactly("generic:spam-1", "generic:spam-2");
        JsonNode list = as(Role.ADMIN, HttpMethod.GET, "/api/admin/blocked-senders", null, 200);
        assertThat(list.get(0).path("messages").asInt()).isEqualTo(2);

        as(Role.ADMIN, HttpMethod.DELETE, "/api/admin/blocked-senders/@spam.example", null, 200);
        as(Role.ADMIN, HttpMethod.DELETE, "/api/admin/blocked-senders/@spam.example", null, 404);
        JsonNode heard = deliver("spam-3", "win@spam.example", "Real question");
        assertThat(heard.path("blocked").asBoolean()).isFalse();
        assertThat(events(heard.path("ticketId").asText())).containsExactly("TicketOpened");
    }

    @Test
    void a_ticket_marked_as_spam_is_closed_and_names_its_sender() throws Exception {
        String ticket = deliver("junk-1", "junk@junk.example", "Buy now").path("ticketId").asText();
        JsonNode spam = as(Role.AGENT, HttpMethod.POST, "/api/tickets/" + ticket + "/spam", null, 200);
        assertThat(spam.path("sender").asText()).isEqualTo("junk@junk.example");
        assertThat(events(ticket)).containsExactly("TicketOpened", "TicketMarkedSpam", "TicketClosed");
        as(Role.AGENT, HttpMethod.POST, "/api/tickets/" + ticket + "/spam", null, 409);
        as(Role.ADMIN, HttpMethod.POST, "/api/admin/blocked-senders", Map.of("sender", spam.path("sender").asText()),
           201);
        assertThat(deliver("junk-2", "JUNK@junk.example", "Buy more").path("blocked").asBoolean()).isTrue();
    }
}
