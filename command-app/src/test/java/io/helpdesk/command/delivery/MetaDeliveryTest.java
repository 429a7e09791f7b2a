package io.helpdesk.command.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messenger and WhatsApp Cloud replies go to a local HTTP server that plays Meta's Graph API as Meta documents
 * it (Send API {@code /me/messages} answering {@code message_id}, Cloud API {@code /{phone-number-id}/messages}
 * answering {@code messages[0].id}, errors as {@code {"error": {...}}}); delivery, read and failure reports come
 * back through the signed Meta webhook.
 */
@DirtiesContext
class MetaDeliveryTest extends CommandApiTest {

    private static final String APP_SECRET = "meta-app-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each request the fake Graph API received: its path, bearer token and JSON body. */
    private record Request(String path, String authorization, JsonNode body) {
    }

    private static final List<Request> requests = new CopyOnWriteArrayList<>();
    private static final AtomicReference<String> refusal = new AtomicReference<>();
    private static final AtomicInteger ids = new AtomicInteger();
    private static final HttpServer graph = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v21.0/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization"),
                                         JSON.readTree(exchange.getRequestBody())));
                int status = 200;
                String body;
                if (refusal.get() != null) {
                    status = 400;
                    body = "{\"error\":{\"message\":\"" + refusal.get() + "\",\"type\":\"OAuthException\","
                            + "\"code\":10,\"error_subcode\":2018278,\"fbtrace_id\":\"AbC\"}}";
                } else if (path.endsWith("/me/messages")) {
                    body = "{\"recipient_id\":\"PSID-7\",\"message_id\":\"m_out" + ids.incrementAndGet() + "\"}";
                } else {
                    body = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"4917012345678\","
                            + "\"wa_id\":\"4917012345678\"}],\"messages\":[{\"id\":\"wamid.OUT"
                            + ids.incrementAndGet() + "\"}]}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void fakeGraphApi(DynamicPropertyRegistry registry) {
        registry.add("helpdesk.delivery.enabled", () -> "true");
        registry.add("META_API_URL", () -> "http://127.0.0.1:" + graph.getAddress().getPort() + "/v21.0");
        registry.add("META_PAGE_TOKEN", () -> "page-token");
        registry.add("META_WHATSAPP_TOKEN", () -> "wa-token");
        registry.add("META_WHATSAPP_PHONE_NUMBER_ID", () -> "106540352242922");
        registry.add("WEBHOOK_SECRET_META", () -> APP_SECRET);
        registry.add("DELIVERY_RETRY_WAIT", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        graph.stop(0);
    }

    @BeforeEach
    void accepting() {
        refusal.set(null);
    }

    @Test
    void a_messenger_reply_goes_through_the_send_api_and_its_delivery_report_is_recorded() {
        String ticket = webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":1,"messaging":[{"sender":{"id":"PSID-7"},
                 "recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m_in1","text":"Is it in stock?"}}]}]}""");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Yes, it is."))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));

        Request sent = requests.get(requests.size() - 1);
        assertThat(sent.path()).isEqualTo("/v21.0/me/messages");
        assertThat(sent.authorization()).isEqualTo("Bearer page-token");
        assertThat(sent.body().path("recipient").path("id").asText()).isEqualTo("PSID-7");
        assertThat(sent.body().path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(sent.body().path("message").path("text").asText()).isEqualTo("Yes, it is.");
        String mid = lastPayload(ticket).replaceAll(".*\"messageId\":\"(m_out[0-9]+)\".*", "$1");
        assertThat(lastPayload(ticket)).contains("\"provider\":\"meta\"");

        webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":2,"messaging":[{"sender":{"id":"PSID-7"},
                 "recipient":{"id":"PAGE"},"delivery":{"mids":["%s","m_someone_elses"],"watermark":2}}]}]}"""
                        .formatted(mid));
        assertThat(events(ticket)).endsWith("ReplyDispatched", "ReplyDelivered");

        // Messenger's read receipt names a time: everything sent to the customer before it has been read.
        webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":3,"messaging":[{"sender":{"id":"PSID-7"},
                 "recipient":{"id":"PAGE"},"timestamp":3,"read":{"watermark":%d}}]}]}"""
                        .formatted(java.time.Instant.now().plusSeconds(5).toEpochMilli()));
        assertThat(events(ticket)).endsWith("ReplyDispatched", "ReplyDelivered", "ReplyDelivered");
        assertThat(lastPayload(ticket)).contains("\"read\":true");
        // One from before the reply was sent reads nothing.
        webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":4,"messaging":[{"sender":{"id":"PSID-7"},
                 "recipient":{"id":"PAGE"},"timestamp":4,"read":{"watermark":1000}}]}]}""");
        assertThat(events(ticket)).endsWith("ReplyDispatched", "ReplyDelivered", "ReplyDelivered");
    }

    @Test
    void a_whatsapp_cloud_reply_goes_back_through_the_cloud_api_and_read_and_failure_reports_are_recorded() {
        String ticket = whatsappInbound("4917012345678", "wamid.IN1");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Hello from support"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));
        Request sent = requests.get(requests.size() - 1);
        assertThat(sent.path()).isEqualTo("/v21.0/106540352242922/messages");
        assertThat(sent.authorization()).isEqualTo("Bearer wa-token");
        assertThat(sent.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(sent.body().path("to").asText()).isEqualTo("4917012345678");
        assertThat(sent.body().path("text").path("body").asText()).isEqualTo("Hello from support");
        String wamid = lastPayload(ticket).replaceAll(".*\"messageId\":\"(wamid\\.OUT[0-9]+)\".*", "$1");

        statuses(wamid, "{\"id\":\"" + wamid + "\",\"status\":\"read\",\"timestamp\":\"3\",\"recipient_id\":\"4917012345678\"}");
        assertThat(lastPayload(ticket)).contains("\"read\":true");

        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Are you there?"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30))
               .until(() -> events(ticket).stream().filter("ReplyDispatched"::equals).count() == 2);
        String second = lastPayload(ticket).replaceAll(".*\"messageId\":\"(wamid\\.OUT[0-9]+)\".*", "$1");
        statuses(second, "{\"id\":\"" + second + "\",\"status\":\"failed\",\"timestamp\":\"4\","
                + "\"recipient_id\":\"4917012345678\",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]}");
        assertThat(lastPayload(ticket)).contains("WhatsApp: Message undeliverable (error 131026)");
    }

    @Test
    void a_reply_with_files_is_not_sent_without_a_public_address_for_their_links_and_says_so() {
        String sha256 = upload("agent-ana", "manual.pdf", MediaType.APPLICATION_PDF,
                               "%PDF manual".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String ticket = webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":1,"messaging":[{"sender":{"id":"PSID-files"},
                 "recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m_files1","text":"The manual?"}}]}]}""");
        post("/api/tickets/" + ticket + "/replies", "agent-ana",
             Map.of("body", "The manual", "attachments", List.of(Map.of("sha256", sha256))))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDeliveryFailed"));
        assertThat(lastPayload(ticket)).contains("can only carry as links: set PUBLIC_URL and LINK_KEY");
    }

    @Test
    void a_reply_meta_refuses_is_recorded_with_metas_reason() {
        String ticket = webhook("""
                {"object":"page","entry":[{"id":"PAGE","time":1,"messaging":[{"sender":{"id":"PSID-8"},
                 "recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m_in2","text":"Hello?"}}]}]}""");
        refusal.set("(#10) This message is sent outside of allowed window.");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Late answer"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDeliveryFailed"));
        assertThat(lastPayload(ticket)).contains("Meta refused the reply: (#10) This message is sent outside of "
                                                         + "allowed window. (error 10)");
    }

    private String whatsappInbound(String from, String id) {
        return webhook("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "contacts":[{"wa_id":"%s","profile":{"name":"Ana"}}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"1","type":"text","text":{"body":"Hi"}}]}}]}]}"""
                               .formatted(from, from, id));
    }

    private void statuses(String ignored, String status) {
        webhook("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},
                 "statuses":[%s]}}]}]}""".formatted(status));
    }

    /** A signed delivery to the Meta webhook; returns the first ticket it names (none for reports only). */
    private String webhook(String body) {
        JsonNode answer = http.post().uri("/api/webhooks/meta").contentType(MediaType.APPLICATION_JSON)
                              .header("X-Hub-Signature-256", "sha256=" + hmac(body)).bodyValue(body).exchange()
                              .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return answer.path("accepted").path(0).path("ticketId").asText(null);
    }

    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
