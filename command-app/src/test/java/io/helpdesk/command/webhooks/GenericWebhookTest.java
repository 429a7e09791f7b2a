package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=s3cret", "WEBHOOK_RATE_PER_SECOND=1000"})
@DirtiesContext
class GenericWebhookTest extends CommandApiTest {

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private WebTestClient.ResponseSpec deliver(String body, String signature) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/webhooks/generic")
                                                    .contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request.header("X-Signature-256", signature);
        }
        return request.bodyValue(body).exchange();
    }

    private static String message(String id, String email, String text) {
        return "{\"messageId\":\"" + id + "\",\"customerEmail\":\"" + email + "\",\"channel\":\"WHATSAPP\","
                + "\"body\":\"" + text + "\"}";
    }

    private long ticketsOf(String email) {
        return stored(".TicketOpened").stream().filter(e -> e.payload().contains(email)).count();
    }

    @Test
    void a_signed_message_opens_a_ticket_and_the_next_one_joins_it() throws Exception {
        String first = message("wa-1", "gus@example.com", "My order is late");
        JsonNode opened = deliver(first, sign(first)).expectStatus().isOk()
                                                    .expectBody(JsonNode.class).returnResult().getResponseBody();
        String ticket = opened.path("ticketId").asText();
        assertThat(opened.path("duplicate").asBoolean()).isFalse();
        assertThat(events(ticket)).containsExactly("TicketOpened");

        String second = message("wa-2", "gus@example.com", "Any news?");
        JsonNode joined = deliver(second, sign(second)).expectStatus().isOk()
                                                      .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(joined.path("ticketId").asText()).isEqualTo(ticket);
        assertThat(events(ticket)).containsExactly("TicketOpened", "CustomerMessageReceived");

        JsonNode again = deliver(second, sign(second)).expectStatus().isOk()
                                                     .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(again.path("ticketId").asText()).isEqualTo(ticket);
        assertThat(events(ticket)).hasSize(2);
    }

    @Test
    void the_same_message_delivered_many_times_at_once_is_written_once() throws Exception {
        String body = message("wa-burst", "hana@example.com", "Hello?");
        String signature = sign(body);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> deliver(body, signature).expectStatus().isOk()
                                                        .expectBody(JsonNode.class).returnResult().getResponseBody());
            }
            List<String> tickets = new ArrayList<>();
            for (Future<JsonNode> answer : pool.invokeAll(calls)) {
                tickets.add(answer.get().path("ticketId").asText());
            }
            assertThat(tickets).hasSize(8).containsOnly(tickets.get(0));
            assertThat(ticketsOf("hana@example.com")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_unsigned_or_wrongly_signed_delivery_is_refused_and_bad_input_named() throws Exception {
        String body = message("wa-x", "ivy@example.com", "Hi");
        deliver(body, null).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        deliver(body, sign(body + " ")).expectStatus().isUnauthorized();
        String bad = "{\"messageId\":\"wa-y\",\"customerEmail\":\"not-an-email\",\"channel\":\"WHATSAPP\",\"body\":\"x\"}";
        deliver(bad, sign(bad)).expectStatus().isBadRequest();
        assertThat(ticketsOf("ivy@example.com")).isZero();
    }
}
