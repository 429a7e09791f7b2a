package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers' own webhook shapes and signatures, each opening or joining tickets exactly once; the files
 * customers send through Twilio and Meta fetched from a local server that keeps them as those providers do
 * (Twilio: HTTP Basic with the account SID and auth token; WhatsApp Cloud: a media id turned into a URL, both
 * with the access token; Messenger: a pre-signed URL).
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_TWILIO=twilio-auth-token", "WEBHOOK_SECRET_EMAIL=mail-key",
        "WEBHOOK_SECRET_META=meta-app-secret", "WEBHOOK_META_VERIFY_TOKEN=verify-me",
        "WEBHOOK_RATE_PER_SECOND=1000", "TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef",
        "META_WHATSAPP_TOKEN=wa-token"})
@DirtiesContext
class ProviderWebhooksTest extends CommandApiTest {

    @LocalServerPort
    int port;

    private static final byte[] PNG = "not really a png, but bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JPEG = "a photo of a broken lamp".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF = "%PDF-1.7 the receipt".getBytes(StandardCharsets.UTF_8);
    private static final HttpServer media = media();

    /** Serves each file only to the credentials its provider uses; anything else is 401 or 404. */
    private static HttpServer media() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    "AC0123456789abcdef0123456789abcdef:twilio-auth-token".getBytes(StandardCharsets.UTF_8));
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                int status = 200;
                byte[] body = new byte[0];
                String type = "application/octet-stream";
                if (path.equals("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM1/Media/ME1")) {
                    status = basic.equals(auth) ? 200 : 401;
                    body = PNG;
                    type = "image/png";
                } else if (path.equals("/cdn/lamp.jpg")) {
                    body = JPEG;
                    type = "image/jpeg";
                } else if (path.equals("/graph/MEDIA-1")) {
                    status = "Bearer wa-token".equals(auth) ? 200 : 401;
                    body = ("{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/wa/receipt\","
                            + "\"mime_type\":\"application/pdf\",\"id\":\"MEDIA-1\"}").getBytes(StandardCharsets.UTF_8);
                    type = "application/json";
                } else if (path.equals("/wa/receipt")) {
                    status = "Bearer wa-token".equals(auth) ? 200 : 401;
                    body = PDF;
                    type = "application/pdf";
                } else {
                    status = 404;
                }
                if (status != 200) {
                    body = new byte[0];
                }
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mediaUrl(String path) {
        return "http://127.0.0.1:" + media.getAddress().getPort() + path;
    }

    @DynamicPropertySource
    static void graph(DynamicPropertyRegistry registry) {
        registry.add("META_API_URL", () -> mediaUrl("/graph"));
    }

    @AfterAll
    static void stopMedia() {
        media.stop(0);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private byte[] download(String ticket, String sha256) {
        return http.get().uri("/api/tickets/" + ticket + "/attachments/" + sha256)
                   .headers(io.helpdesk.eventstore.testing.TestTokens.as("agent-ana")).exchange()
                   .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    @Test
    void twilio_media_is_fetched_with_the_account_credentials_and_a_file_that_cannot_be_is_said_so() throws Exception {
        MultiValueMap<String, String> form = sms("SM-media-1", "+15551238888", "");
        form.set("NumMedia", "2");
        form.add("MediaUrl0", mediaUrl("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM1/Media/ME1"));
        form.add("MediaContentType0", "image/png");
        form.add("MediaUrl1", mediaUrl("/gone"));
        form.add("MediaContentType1", "image/gif");
        String ticket = twilio(form, twilioSignature(form)).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Ticket-Id");
        String opened = lastPayload(ticket);
        assertThat(opened).contains("\"sha256\":\"" + sha256(PNG) + "\"").contains("\"name\":\"attachment-1.png\"")
                          .contains("\"contentType\":\"image/png\"")
                          .contains("[2 attached file(s)]")
                          .contains("[attachment not received: image/gif " + mediaUrl("/gone"));
        assertThat(download(ticket, sha256(PNG))).isEqualTo(PNG);
    }

    private static byte[] hmac(String algorithm, String key, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    // --- Twilio ---

    private MultiValueMap<String, String> sms(String sid, String from, String body) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("MessageSid", sid);
        form.add("AccountSid", "AC123");
        form.add("From", from);
        form.add("To", "+15550000000");
        form.add("Body", body);
        form.add("NumMedia", "0");
        return form;
    }

    private String twilioSignature(MultiValueMap<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder("http://localhost:" + port + "/api/webhooks/twilio");
        new TreeMap<>(form).forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", "twilio-auth-token", data.toString()));
    }

    private WebTestClient.ResponseSpec twilio(MultiValueMap<String, String> form, String signature) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                            .post().uri("/api/webhooks/twilio")
                            .header("X-Twilio-Signature", signature)
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .body(BodyInserters.fromFormData(form)).exchange();
    }

    @Test
    void twilio_sms_and_whatsapp_messages_open_and_join_tickets_per_channel() throws Exception {
        MultiValueMap<String, String> first = sms("SM1", "+15551230001", "My parcel never came");
        String ticket = twilio(first, twilioSignature(first)).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectHeader().valueEquals("X-Duplicate", "false")
                .returnResult(String.class).getResponseHeaders().getFirst("X-Ticket-Id");
        assertThat(events(ticket)).containsExactly("TicketOpened");
        assertThat(lastPayload(ticket)).contains("\"channel\":\"SMS\"").contains("+15551230001");

        MultiValueMap<String, String> second = sms("SM2", "+15551230001", "Hello?");
        twilio(second, twilioSignature(second)).expectStatus().isOk()
                                               .expectHeader().valueEquals("X-Ticket-Id", ticket);
        assertThat(events(ticket)).containsExactly("TicketOpened", "CustomerMessageReceived");

        MultiValueMap<String, String> whatsapp = sms("SM3", "whatsapp:+15551230001", "Same person, WhatsApp");
        whatsapp.add("ProfileName", "Ivo");
        String other = twilio(whatsapp, twilioSignature(whatsapp)).expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Ticket-Id");
        assertThat(other).isNotEqualTo(ticket);
        assertThat(lastPayload(other)).contains("\"channel\":\"WHATSAPP\"").contains("\"customerName\":\"Ivo\"");
        assertThat(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                                               + "WHERE aggregate_identifier = ?", String.class, other))
                .contains("\"user\":\"webhook:twilio\"");
    }

    @Test
    void a_twilio_post_with_a_wrong_signature_or_changed_field_is_refused_and_writes_nothing() throws Exception {
        MultiValueMap<String, String> form = sms("SM-forged", "+15559990000", "refund me");
        String signature = twilioSignature(form);
        form.set("Body", "refund me twice");
        twilio(form, signature).expectStatus().isUnauthorized()
                               .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        twilio(form, "").expectStatus().isUnauthorized();
        assertThat(stored("").stream().filter(e -> e.payload().contains("+15559990000"))).isEmpty();
    }

    @Test
    void the_same_twilio_message_delivered_many_times_at_once_is_written_once() throws Exception {
        MultiValueMap<String, String> form = sms("SM-burst", "+15551239999", "anyone there?");
        String signature = twilioSignature(form);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> {
                    var result = twilio(form, signature).expectStatus().isOk().returnResult(String.class);
                    return result.getResponseHeaders().getFirst("X-Ticket-Id") + "/"
                            + result.getResponseHeaders().getFirst("X-Duplicate");
                });
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            String ticket = answers.get(0).split("/")[0];
            assertThat(answers).allSatisfy(answer -> assertThat(answer).startsWith(ticket + "/"));
            assertThat(answers).filteredOn(answer -> answer.endsWith("/false")).hasSize(1);
            assertThat(events(ticket)).containsExactly("TicketOpened");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry "
                                                   + "WHERE convert_from(payload, 'UTF8') LIKE '%SM-burst%'",
                                           Long.class)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- e-mail inbound parse ---

    private MultiValueMap<String, String> mail(String messageId, long timestamp, String key) throws Exception {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        String token = "tok-" + messageId;
        form.add("timestamp", String.valueOf(timestamp));
        form.add("token", token);
        form.add("signature", HexFormat.of().formatHex(hmac("HmacSHA256", key, timestamp + token)));
        form.add("sender", "Jo@Example.com");
        form.add("from", "\"Jo Park\" <Jo@Example.com>");
        form.add("subject", "Invoice is wrong");
        form.add("body-plain", "Hi,\nthe invoice is wrong.\n\n> quoted history");
        form.add("stripped-text", "Hi,\nthe invoice is wrong.");
        form.add("Message-Id", messageId);
        return form;
    }

    @Test
    void a_signed_inbound_email_opens_a_ticket_with_the_senders_name_and_a_replayed_one_is_refused()
            throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonNode opened = http.post().uri("/api/webhooks/email").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                              .body(BodyInserters.fromFormData(mail("<m1@mail.example.com>", now, "mail-key")))
                              .exchange().expectStatus().isOk()
                              .expectBody(JsonNode.class).returnResult().getResponseBody();
        String ticket = opened.path("ticketId").asText();
        assertThat(lastPayload(ticket)).contains("\"customerEmail\":\"jo@example.com\"")
                                       .contains("\"customerName\":\"Jo Park\"")
                                       .contains("\"subject\":\"Invoice is wrong\"")
                                       .doesNotContain("quoted history");

        MultipartBodyBuilder multipart = new MultipartBodyBuilder();
        mail("<m2@mail.example.com>", now, "mail-key").forEach((name, values) -> values.forEach(
                value -> multipart.part(name, value)));
        http.post().uri("/api/webhooks/email").contentType(MediaType.MULTIPART_FORM_DATA)
            .body(BodyInserters.fromMultipartData(multipart.build()))
            .exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.ticketId").isEqualTo(ticket);
        assertThat(events(ticket)).containsExactly("TicketOpened", "CustomerMessageReceived");

        http.post().uri("/api/webhooks/email").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(mail("<m3@mail.example.com>", now - 3600, "mail-key")))
            .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/webhooks/email").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(mail("<m4@mail.example.com>", now, "wrong-key")))
            .exchange().expectStatus().isUnauthorized();
        assertThat(events(ticket)).hasSize(2);
    }

    // --- Meta ---

    private WebTestClient.ResponseSpec meta(String body, String key) throws Exception {
        return http.post().uri("/api/webhooks/meta").contentType(MediaType.APPLICATION_JSON)
                   .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", key, body)))
                   .bodyValue(body).exchange();
    }

    @Test
    void meta_checks_the_subscription_and_takes_every_message_of_a_delivery_once() throws Exception {
        http.get().uri("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42")
            .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("42");
        http.get().uri("/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42")
            .exchange().expectStatus().isForbidden();

        String messenger = """
                {"object":"page","entry":[{"id":"PAGE","time":1,"messaging":[
                 {"sender":{"id":"PSID-7"},"recipient":{"id":"PAGE"},"timestamp":1,"message":{"mid":"m_1","text":"Hi"}},
                 {"sender":{"id":"PAGE"},"recipient":{"id":"PSID-7"},"timestamp":2,"message":{"mid":"m_echo","text":"Hello!","is_echo":true}},
                 {"sender":{"id":"PSID-7"},"recipient":{"id":"PAGE"},"timestamp":3,"message":{"mid":"m_2","attachments":[{"type":"image","payload":{"url":"LAMP"}}]}}
                ]}]}""".replace("LAMP", mediaUrl("/cdn/lamp.jpg"));
        JsonNode delivered = meta(messenger, "meta-app-secret").expectStatus().isOk()
                                                             .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(delivered.path("accepted")).hasSize(2);
        String ticket = delivered.path("accepted").get(0).path("ticketId").asText();
        assertThat(delivered.path("accepted").get(1).path("ticketId").asText()).isEqualTo(ticket);
        assertThat(events(ticket)).containsExactly("TicketOpened", "CustomerMessageReceived");
        assertThat(lastPayload(ticket)).contains("\"sha256\":\"" + sha256(JPEG) + "\"")
                                       .contains("\"contentType\":\"image/jpeg\"");
        assertThat(download(ticket, sha256(JPEG))).isEqualTo(JPEG);

        JsonNode again = meta(messenger, "meta-app-secret").expectStatus().isOk()
                                                          .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.path("accepted").get(0).path("duplicate").asBoolean()).isTrue();
        assertThat(events(ticket)).hasSize(2);

        String whatsapp = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Lea"},"wa_id":"4915112345678"}],
                 "messages":[{"from":"4915112345678","id":"wamid.1","timestamp":"1","type":"text","text":{"body":"Wo ist mein Paket?"}}]}}]}]}""";
        String waTicket = meta(whatsapp, "meta-app-secret").expectStatus().isOk().expectBody(JsonNode.class)
                                                          .returnResult().getResponseBody()
                                                          .path("accepted").get(0).path("ticketId").asText();
        assertThat(lastPayload(waTicket)).contains("\"customerEmail\":\"+4915112345678\"")
                                         .contains("\"customerName\":\"Lea\"").contains("\"channel\":\"WHATSAPP\"");

        String receipt = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Lea"},"wa_id":"4915112345678"}],
                 "messages":[{"from":"4915112345678","id":"wamid.2","timestamp":"2","type":"document",
                  "document":{"id":"MEDIA-1","mime_type":"application/pdf","filename":"Quittung.pdf","caption":"Beleg"}}]}}]}]}""";
        meta(receipt, "meta-app-secret").expectStatus().isOk();
        assertThat(lastPayload(waTicket)).contains("\"body\":\"Beleg\"").contains("\"name\":\"Quittung.pdf\"")
                                         .contains("\"sha256\":\"" + sha256(PDF) + "\"");
        assertThat(download(waTicket, sha256(PDF))).isEqualTo(PDF);

        meta(whatsapp.replace("Paket", "Geld"), "other-secret").expectStatus().isUnauthorized();
        meta("{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"message\":{\"text\":\"no ids\"}}]}]}",
             "meta-app-secret").expectStatus().isBadRequest()
                               .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
