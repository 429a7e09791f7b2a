package io.helpdesk.command.attachments;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import com.icegreen.greenmail.util.GreenMail;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.command.LocalSmtp;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files both ways on a real PostgreSQL and a real SMTP server (GreenMail): a 20 MB file uploaded, sent with a
 * reply as a mail attachment and downloaded again, the same SHA-256 each time; an inbound mail's files; the
 * size limits (413); who may download (403 for a VIEWER, 401 without a token); a damaged stored file that is
 * refused rather than served; signed links for providers.
 */
@TestPropertySource(properties = {
        "ATTACHMENT_MAX_FILE_SIZE=21MB", "ATTACHMENT_MAX_MESSAGE_SIZE=30MB",
        "PUBLIC_URL=https://help.example", "LINK_KEY=link-key",
        "MAIL_FROM=support@helpdesk.example", "WEBHOOK_SECRET_EMAIL=mail-key", "WEBHOOK_RATE_PER_SECOND=1000"})
@DirtiesContext
class AttachmentsTest extends CommandApiTest {

    private static final LocalSmtp SMTP = new LocalSmtp();
    private static final GreenMail smtp = SMTP.start();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Autowired
    io.helpdesk.command.links.SignedLinks links;

    private WebTestClient large() {
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
    }

    /** A file part's content with the name a browser or mail provider gives it. */
    private static ByteArrayResource named(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebTestClient.ResponseSpec uploadAll(String actor, String name, MediaType type, byte[]... files) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        for (byte[] file : files) {
            form.part("file", named(file, name)).contentType(type);
        }
        return large().post().uri("/api/attachments").headers(TestTokens.as(actor))
                      .contentType(MediaType.MULTIPART_FORM_DATA)
                      .body(BodyInserters.fromMultipartData(form.build())).exchange();
    }

    private JsonNode uploaded(byte[] file, String name, MediaType type) {
        return uploadAll("agent-ana", name, type, file).expectStatus().isCreated().expectBody(JsonNode.class)
                                                    .returnResult().getResponseBody().get(0);
    }


    private byte[] download(String ticket, String sha256) {
        return large().get().uri("/api/tickets/" + ticket + "/attachments/" + sha256)
                      .headers(TestTokens.as("agent-ana")).exchange()
                      .expectStatus().isOk()
                      .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                      .expectBody(byte[].class).returnResult().getResponseBody();
    }

    @Test
    void a_20_mb_file_goes_up_out_by_mail_and_down_again_with_the_same_sha256() throws Exception {
        byte[] file = random(20 * 1024 * 1024, 20261205);
        String sha256 = sha256(file);
        long uploadStarted = System.nanoTime();
        JsonNode ref = uploaded(file, "C:\\Users\\ana\\invoice 2026.pdf", MediaType.APPLICATION_PDF);
        long uploadMillis = (System.nanoTime() - uploadStarted) / 1_000_000;
        assertThat(ref.path("sha256").asText()).isEqualTo(sha256);
        assertThat(ref.path("size").asLong()).isEqualTo(file.length);
        assertThat(ref.path("name").asText()).isEqualTo("invoice 2026.pdf");
        assertThat(ref.path("contentType").asText()).isEqualTo("application/pdf");
        // The same content again is stored once.
        uploaded(file, "copy.pdf", MediaType.APPLICATION_PDF);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM command.attachment WHERE sha256 = ?", Long.class,
                                       sha256)).isEqualTo(1);

        String ticket = emailTicket("The invoice");
        post("/api/tickets/" + ticket + "/replies", "agent-ana",
             Map.of("body", "Here it is.", "attachments", List.of(Map.of("sha256", sha256, "name", "invoice.pdf"))))
                .expectStatus().isCreated();
        // The event carries the reference only: hash, name, size, type.
        assertThat(lastPayload(ticket)).contains("\"sha256\":\"" + sha256 + "\"").contains("\"name\":\"invoice.pdf\"")
                                       .contains("\"size\":" + file.length)
                                       .contains("\"contentType\":\"application/pdf\"");
        assertThat(lastPayload(ticket).length()).isLessThan(2_000);

        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(
                () -> java.util.Arrays.stream(smtp.getReceivedMessages())
                                      .filter(m -> subject(m).equals("Re: The invoice")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        Multipart parts = (Multipart) mail.getContent();
        assertThat(text(parts.getBodyPart(0))).isEqualTo("Here it is.");
        BodyPart attached = parts.getBodyPart(1);
        assertThat(attached.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attached.getFileName()).isEqualTo("invoice.pdf");
        assertThat(attached.getContentType()).startsWith("application/pdf");
        assertThat(sha256(attached.getInputStream().readAllBytes())).isEqualTo(sha256);

        long downloadStarted = System.nanoTime();
        byte[] downloaded = large().get().uri("/api/tickets/" + ticket + "/attachments/" + sha256)
                                   .headers(TestTokens.as("agent-bo")).exchange()
                                   .expectStatus().isOk()
                                   .expectHeader().contentType(MediaType.APPLICATION_PDF)
                                   .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION,
                                                               "attachment; filename=\"invoice.pdf\"")
                                   .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(sha256(downloaded)).isEqualTo(sha256);
        long downloadMillis = (System.nanoTime() - downloadStarted) / 1_000_000;
        System.out.printf("Attachments: a 20 MB file uploaded (hashed, stored) in %d ms, downloaded (read, checked "
                                  + "against its hash) in %d ms%n", uploadMillis, downloadMillis);
    }

    @Test
    void a_file_or_a_message_over_its_limit_is_refused_with_413_and_nothing_is_stored() {
        byte[] tooLarge = random(22 * 1024 * 1024, 7);
        uploadAll("agent-ana", "big.bin", MediaType.APPLICATION_OCTET_STREAM, tooLarge)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM command.attachment WHERE sha256 = ?", Long.class,
                                       sha256(tooLarge))).isZero();

        // Two files of 16 MB each are within the file limit, not within the message's 30 MB together.
        String a = uploaded(random(16 * 1024 * 1024, 1), "a.bin", MediaType.APPLICATION_OCTET_STREAM)
                .path("sha256").asText();
        String b = uploaded(random(16 * 1024 * 1024, 2), "b.bin", MediaType.APPLICATION_OCTET_STREAM)
                .path("sha256").asText();
        String ticket = emailTicket("Two large files");
        post("/api/tickets/" + ticket + "/notes", "agent-ana",
             Map.of("body", "both", "attachments", List.of(Map.of("sha256", a), Map.of("sha256", b))))
                .expectStatus().isEqualTo(413)
                .expectBody(JsonNode.class).value(problem -> assertThat(problem.path("detail").asText())
                        .contains("max-message-size"));
        assertThat(events(ticket)).containsExactly("TicketOpened");
    }

    @Test
    void references_to_files_never_uploaded_are_refused_naming_the_field() {
        String ticket = emailTicket("Unknown file");
        JsonNode problem = post("/api/tickets/" + ticket + "/replies", "agent-ana",
                                Map.of("body", "see file", "attachments", List.of(Map.of("sha256", "a".repeat(64)))))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("attachments[0].sha256");
        post("/api/tickets/" + ticket + "/replies", "agent-ana",
             Map.of("body", "see file", "attachments", List.of(Map.of("sha256", "not-a-hash"))))
                .expectStatus().isBadRequest();
        uploadAll("agent-ana", "x", MediaType.TEXT_PLAIN).expectStatus().isBadRequest();
        assertThat(events(ticket)).containsExactly("TicketOpened");
    }

    @Test
    void only_staff_download_a_tickets_file_and_only_files_the_ticket_carries() {
        byte[] file = "the note's file".getBytes(StandardCharsets.UTF_8);
        String sha256 = uploaded(file, "note.txt", MediaType.TEXT_PLAIN).path("sha256").asText();
        String ticket = emailTicket("Note with a file");
        post("/api/tickets/" + ticket + "/notes", "agent-ana",
             Map.of("body", "internal", "attachments", List.of(Map.of("sha256", sha256))))
                .expectStatus().isCreated();
        assertThat(download(ticket, sha256)).isEqualTo(file);

        http.get().uri("/api/tickets/" + ticket + "/attachments/" + sha256)
            .headers(TestTokens.as("viewer", Role.VIEWER)).exchange().expectStatus().isForbidden()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        WebTestClient.bindToServer().baseUrl(baseUrl()).build()
                     .get().uri("/api/tickets/" + ticket + "/attachments/" + sha256).exchange()
                     .expectStatus().isUnauthorized();
        // Another ticket does not carry it; a ticket that does not exist is not found either.
        String other = emailTicket("No files");
        http.get().uri("/api/tickets/" + other + "/attachments/" + sha256).headers(TestTokens.as("agent-ana"))
            .exchange().expectStatus().isNotFound();
        http.get().uri("/api/tickets/" + UUID.randomUUID() + "/attachments/" + sha256)
            .headers(TestTokens.as("agent-ana")).exchange().expectStatus().isNotFound();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void a_stored_file_whose_bytes_no_longer_match_its_hash_is_refused_not_served() {
        byte[] file = "a file someone will change in the database".getBytes(StandardCharsets.UTF_8);
        String sha256 = uploaded(file, "changed.txt", MediaType.TEXT_PLAIN).path("sha256").asText();
        String ticket = emailTicket("Tampered");
        post("/api/tickets/" + ticket + "/notes", "agent-ana",
             Map.of("body", "file", "attachments", List.of(Map.of("sha256", sha256)))).expectStatus().isCreated();
        jdbc.update("UPDATE command.attachment SET content = ? WHERE sha256 = ?",
                    "a file someone DID change in the database".getBytes(StandardCharsets.UTF_8), sha256);
        http.get().uri("/api/tickets/" + ticket + "/attachments/" + sha256).headers(TestTokens.as("agent-ana"))
            .exchange().expectStatus().is5xxServerError()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(JsonNode.class).value(problem -> assertThat(problem.path("detail").asText())
                    .contains("is damaged"));
    }

    @Test
    void a_signed_link_serves_the_file_without_a_token_until_it_expires_and_not_once_changed() {
        byte[] file = "photo bytes".getBytes(StandardCharsets.UTF_8);
        String sha256 = uploaded(file, "photo.jpg", MediaType.IMAGE_JPEG).path("sha256").asText();
        String ticket = emailTicket("Linked");
        post("/api/tickets/" + ticket + "/notes", "agent-ana",
             Map.of("body", "photo", "attachments", List.of(Map.of("sha256", sha256)))).expectStatus().isCreated();
        String link = links.file(ticket, sha256);
        assertThat(link).startsWith("https://help.example/api/links/tickets/" + ticket + "/attachments/" + sha256);
        String path = link.substring("https://help.example".length());
        // The JDK's client: a Reactor Netty client in the app's JVM now and then misses an answer (spring-boot#10569).
        WebTestClient anonymous = io.helpdesk.eventstore.testing.TestTokens.independentClient(baseUrl());
        anonymous.get().uri(java.net.URI.create(baseUrl() + path)).exchange().expectStatus().isOk()
                 .expectHeader().contentType(MediaType.IMAGE_JPEG)
                 .expectBody(byte[].class).isEqualTo(file);

        var query = UriComponentsBuilder.fromUriString(link).build().getQueryParams();
        long expires = Long.parseLong(query.getFirst("expires"));
        String signature = query.getFirst("signature");
        String base = "/api/links/tickets/" + ticket + "/attachments/" + sha256;
        anonymous.get().uri(base + "?expires=" + (expires + 3600) + "&signature=" + signature).exchange()
                 .expectStatus().isForbidden();
        String expired = String.valueOf(Instant.now().minusSeconds(60).getEpochSecond());
        anonymous.get().uri(base + "?expires=" + expired + "&signature=" + sign(ticket, sha256, expired))
                 .exchange().expectStatus().isForbidden();
        // Signed for another ticket's path: refused.
        anonymous.get().uri("/api/links/tickets/" + UUID.randomUUID() + "/attachments/" + sha256 + "?expires="
                                    + expires + "&signature=" + signature).exchange().expectStatus().isForbidden();
    }

    private static String sign(String ticket, String sha256, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("link-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("file\n" + ticket + "\n" + sha256 + "\n" + expires)
                                                                .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_chat_customer_reads_replies_and_their_files_through_a_signed_conversation_link() {
        Map<?, ?> created = post("/api/tickets", null, Map.of("customerEmail", "visitor7@example.com", "channel", "CHAT",
                                                              "subject", "Sizing", "body", "Which size fits me?"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String ticket = (String) created.get("ticketId");
        byte[] chart = "size chart".getBytes(StandardCharsets.UTF_8);
        String sha256 = uploaded(chart, "sizes.png", MediaType.IMAGE_PNG).path("sha256").asText();
        post("/api/tickets/" + ticket + "/notes", "agent-ana", Map.of("body", "VIP, be quick"))
                .expectStatus().isCreated();
        post("/api/tickets/" + ticket + "/replies", "agent-ana",
             Map.of("body", "See the chart.", "attachments", List.of(Map.of("sha256", sha256))))
                .expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("ReplyDispatched"));
        assertThat(lastPayload(ticket)).contains("\"provider\":\"conversation-link\"");

        http.post().uri("/api/tickets/" + ticket + "/conversation-link").headers(TestTokens.as("wall", Role.VIEWER))
            .exchange().expectStatus().isForbidden();
        String link = http.post().uri("/api/tickets/" + ticket + "/conversation-link")
                          .headers(TestTokens.as("agent-ana")).exchange().expectStatus().isCreated()
                          .expectBody(JsonNode.class).returnResult().getResponseBody().path("url").asText();
        assertThat(link).startsWith("https://help.example/api/links/tickets/" + ticket + "/conversation?expires=");
        // The JDK's client: a Reactor Netty client in the app's JVM now and then misses an answer (spring-boot#10569).
        WebTestClient anonymous = io.helpdesk.eventstore.testing.TestTokens.independentClient(baseUrl());
        JsonNode conversation = anonymous.get().uri(java.net.URI.create(
                                                  baseUrl() + link.substring("https://help.example".length())))
                                         .exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                         .returnResult().getResponseBody();
        assertThat(conversation.path("subject").asText()).isEqualTo("Sizing");
        assertThat(conversation.path("status").asText()).isEqualTo("OPEN");
        JsonNode messages = conversation.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("from").asText()).isEqualTo("customer");
        assertThat(messages.get(1).path("from").asText()).isEqualTo("support");
        assertThat(messages.get(1).path("body").asText()).isEqualTo("See the chart.");
        assertThat(conversation.toString()).doesNotContain("VIP").doesNotContain("agent-ana");
        String fileLink = messages.get(1).path("attachments").get(0).path("url").asText();
        anonymous.get().uri(java.net.URI.create(baseUrl() + fileLink.substring("https://help.example".length())))
                 .exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(chart);
        anonymous.get().uri(java.net.URI.create(baseUrl() + link.substring("https://help.example".length())
                                                        .replaceAll("signature=[0-9a-f]{8}", "signature=00000000")))
                 .exchange().expectStatus().isForbidden();
    }

    @Test
    void an_inbound_mails_files_20_mb_among_them_are_stored_and_carried_by_its_message() throws Exception {
        byte[] photo = random(20 * 1024 * 1024, 3);
        byte[] text = "order #123".getBytes(StandardCharsets.UTF_8);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String token = UUID.randomUUID().toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("mail-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Map.of("sender", "files@example.com", "from", "Fay <files@example.com>", "subject", "Broken on arrival",
               "body-plain", "See the photo.", "Message-Id", "<f1@customer.example>", "timestamp", timestamp,
               "token", token, "signature",
               HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8))))
           .forEach(form::part);
        form.part("attachment-1", named(photo, "photo.jpg")).contentType(MediaType.IMAGE_JPEG);
        form.part("attachment-2", named(text, "order.txt")).contentType(MediaType.TEXT_PLAIN);
        String ticket = WebTestClient.bindToServer().baseUrl(baseUrl()).build()
                                     .mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build()
                                     .post().uri("/api/webhooks/email").contentType(MediaType.MULTIPART_FORM_DATA)
                                     .body(BodyInserters.fromMultipartData(form.build())).exchange()
                                     .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                     .getResponseBody().path("ticketId").asText();
        String opened = lastPayload(ticket);
        assertThat(opened).contains("\"sha256\":\"" + sha256(photo) + "\"").contains("\"name\":\"photo.jpg\"")
                          .contains("\"contentType\":\"image/jpeg\"")
                          .contains("\"sha256\":\"" + sha256(text) + "\"").contains("\"name\":\"order.txt\"");
        assertThat(download(ticket, sha256(photo))).isEqualTo(photo);
        assertThat(download(ticket, sha256(text))).isEqualTo(text);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(BodyPart part) throws Exception {
        return part.getContent().toString().strip();
    }
}
