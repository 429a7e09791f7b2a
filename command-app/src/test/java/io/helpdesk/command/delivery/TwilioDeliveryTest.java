package io.helpdesk.command.delivery;

import com.sun.net.httpserver.HttpServer;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS and WhatsApp replies go to a local HTTP server that plays Twilio's Messages API as Twilio documents it
 * (form-encoded request, HTTP Basic with the account SID and auth token, 201 with the message's {@code sid},
 * errors as {@code {"code", "message", "status"}}), which fails for a while, refuses a number, or takes the
 * message; Twilio's status callbacks are posted back signed as Twilio signs them.
 */
@DirtiesContext
class TwilioDeliveryTest extends CommandApiTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-auth-token";

    /** The form of every request the fake Twilio received, and whether it took it. */
    private static final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();
    private static final AtomicInteger failuresToServe = new AtomicInteger();
    private static final AtomicReference<String> refusal = new AtomicReference<>();
    private static final AtomicInteger sids = new AtomicInteger();
    private static final HttpServer twilio = start();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/2010-04-01/Accounts/" + SID + "/Messages.json", exchange -> {
                Map<String, String> form = new TreeMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        .split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                             kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                requests.add(form);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                String body;
                int status;
                if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 503;
                    body = "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":503}";
                } else if (refusal.get() != null) {
                    status = 400;
                    body = "{\"code\":21211,\"message\":\"" + refusal.get() + "\",\"status\":400}";
                } else {
                    status = 201;
                    body = "{\"sid\":\"SM" + String.format("%032d", sids.incrementAndGet())
                            + "\",\"status\":\"queued\",\"to\":\"" + form.get("To") + "\"}";
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

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void fakeTwilio(DynamicPropertyRegistry registry) {
        registry.add("helpdesk.delivery.enabled", () -> "true");
        registry.add("TWILIO_API_URL", () -> "http://127.0.0.1:" + twilio.getAddress().getPort());
        registry.add("TWILIO_ACCOUNT_SID", () -> SID);
        registry.add("WEBHOOK_SECRET_TWILIO", () -> TOKEN);
        registry.add("TWILIO_SMS_FROM", () -> "+15005550006");
        registry.add("TWILIO_WHATSAPP_FROM", () -> "+14155238886");
        registry.add("TWILIO_STATUS_CALLBACK_URL", () -> "https://helpdesk.example/api/webhooks/twilio/status");
        registry.add("DELIVERY_ATTEMPTS", () -> "4");
        registry.add("PUBLIC_URL", () -> "https://helpdesk.example");
        registry.add("LINK_KEY", () -> "link-key");
        registry.add("DELIVERY_RETRY_WAIT", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        twilio.stop(0);
    }

    @BeforeEach
    void twilioUp() {
        failuresToServe.set(0);
        refusal.set(null);
    }

    @Test
    void an_sms_reply_is_sent_once_after_twilio_failed_twice_and_its_delivery_reports_are_recorded() throws Exception {
        String ticket = inbound("+4915112345678", "SM-in-1");
        failuresToServe.set(2);
        int before = requests.size();
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Your parcel ships today."))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));

        List<Map<String, String>> sent = requests.subList(before, requests.size());
        assertThat(sent).hasSize(3);
        Map<String, String> form = sent.get(2);
        assertThat(form).containsEntry("To", "+4915112345678").containsEntry("From", "+15005550006")
                        .containsEntry("Body", "Your parcel ships today.")
                        .containsEntry("StatusCallback",
                                       "https://helpdesk.example/api/webhooks/twilio/status?ticket=" + ticket);
        assertThat(authorizations.get(authorizations.size() - 1))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes()));
        String messageSid = lastPayload(ticket).replaceAll(".*\"messageId\":\"(SM[0-9]+)\".*", "$1");
        assertThat(lastPayload(ticket)).contains("\"provider\":\"twilio\"").contains("\"channel\":\"SMS\"");

        // Twilio reports: sent (nothing new), delivered, delivered again (nothing new).
        status(ticket, messageSid, "sent").expectStatus().isNoContent();
        status(ticket, messageSid, "delivered").expectStatus().isNoContent();
        status(ticket, messageSid, "delivered").expectStatus().isNoContent();
        assertThat(events(ticket).stream().filter("ReplyDelivered"::equals)).hasSize(1);
        assertThat(lastPayload(ticket)).contains("\"read\":false");

        // A report not signed by Twilio, or about a message this ticket never sent, changes nothing.
        statusSigned(ticket, Map.of("MessageSid", messageSid, "MessageStatus", "failed"), "forged")
                .expectStatus().isUnauthorized();
        status(ticket, "SM-not-ours", "delivered").expectStatus().isEqualTo(409);
        assertThat(events(ticket)).doesNotContain("ReplyDeliveryFailed");
    }

    @Test
    void a_replys_file_goes_to_twilio_as_a_signed_link_that_serves_its_bytes() {
        byte[] photo = "the replacement part".getBytes(StandardCharsets.UTF_8);
        String sha256 = upload("agent-ana", "part.jpg", MediaType.IMAGE_JPEG, photo);
        String ticket = inbound("+4915112340000", "SM-in-files");
        post("/api/tickets/" + ticket + "/replies", "agent-ana",
             Map.of("body", "This one fits.", "attachments", List.of(Map.of("sha256", sha256))))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));
        String link = requests.get(requests.size() - 1).get("MediaUrl");
        assertThat(link).startsWith("https://helpdesk.example/api/links/tickets/" + ticket + "/attachments/" + sha256
                                            + "?expires=");
        // Twilio fetches it without a token.
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                     .get().uri(java.net.URI.create("http://localhost:" + port
                                                            + link.substring("https://helpdesk.example".length())))
                     .exchange().expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_JPEG)
                     .expectBody(byte[].class).isEqualTo(photo);
    }

    @Test
    void a_whatsapp_reply_goes_from_the_whatsapp_sender_and_a_read_report_is_recorded() {
        String ticket = inbound("whatsapp:+4917012345678", "SM-in-2");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Hi!"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));
        Map<String, String> form = requests.get(requests.size() - 1);
        assertThat(form).containsEntry("To", "whatsapp:+4917012345678").containsEntry("From", "whatsapp:+14155238886");
        String messageSid = lastPayload(ticket).replaceAll(".*\"messageId\":\"(SM[0-9]+)\".*", "$1");
        status(ticket, messageSid, "read").expectStatus().isNoContent();
        assertThat(lastPayload(ticket)).contains("\"read\":true");
    }

    @Test
    void a_number_twilio_refuses_is_recorded_as_not_delivered_with_twilios_reason_and_not_tried_again() {
        String ticket = inbound("+4915198765432", "SM-in-3");
        refusal.set("The 'To' number +4915198765432 is not a valid phone number.");
        int before = requests.size();
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Hello"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDeliveryFailed"));
        assertThat(lastPayload(ticket)).contains("is not a valid phone number. (error 21211)");
        assertThat(requests.size() - before).isEqualTo(1);
    }

    @Test
    void a_failure_report_from_twilio_records_the_reply_as_not_delivered() {
        String ticket = inbound("+4915100000001", "SM-in-4");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Hello"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));
        String messageSid = lastPayload(ticket).replaceAll(".*\"messageId\":\"(SM[0-9]+)\".*", "$1");
        statusSigned(ticket, Map.of("MessageSid", messageSid, "MessageStatus", "undelivered", "ErrorCode", "30003",
                                    "ErrorMessage", "Unreachable destination handset"), null)
                .expectStatus().isNoContent();
        assertThat(lastPayload(ticket)).contains("Twilio: undelivered (error 30003): Unreachable destination handset");
    }

    /** A customer's message through the signed inbound webhook; returns the ticket it opened. */
    private String inbound(String from, String messageSid) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("MessageSid", messageSid);
        form.add("From", from);
        form.add("To", "+15005550006");
        form.add("Body", "Where is my parcel?");
        return http.post().uri("/api/webhooks/twilio")
                   .header("X-Twilio-Signature", signature("http://localhost:" + port + "/api/webhooks/twilio", form))
                   .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange()
                   .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Ticket-Id");
    }

    private WebTestClient.ResponseSpec status(String ticket, String messageSid, String status) {
        return statusSigned(ticket, Map.of("MessageSid", messageSid, "MessageStatus", status, "AccountSid", SID), null);
    }

    /** A status callback as Twilio posts it to the configured URL; {@code signature} null: signed correctly. */
    private WebTestClient.ResponseSpec statusSigned(String ticket, Map<String, String> fields, String signature) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        String query = UriComponentsBuilder.newInstance().queryParam("ticket", ticket).build().encode().getQuery();
        String signed = signature != null ? signature
                : signature("https://helpdesk.example/api/webhooks/twilio/status?" + query, form);
        return http.post().uri("/api/webhooks/twilio/status?" + query).header("X-Twilio-Signature", signed)
                   .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange();
    }

    /** Twilio's signature: Base64 HMAC-SHA1 of the URL and the sorted parameters, keyed with the auth token. */
    private static String signature(String url, MultiValueMap<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
