package io.helpdesk.command.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import com.icegreen.greenmail.util.GreenMail;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.command.LocalSmtp;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies leave through a real SMTP server in this JVM (GreenMail), which receives them as mail: headers as
 * mail clients thread them, the sender of the ticket's team, a server that is down (the reply waits in the
 * dead letters and an ADMIN's retry delivers it once), a reply delivered to the processor again (not sent
 * again), and channels without outbound delivery (recorded as not delivered).
 */
@TestPropertySource(properties = {
        "MAIL_FROM=support@helpdesk.example", "MAIL_FROM_NAME=Example Support",
        "helpdesk.delivery.email.team-from.billing=Billing Desk <billing@helpdesk.example>",
        "DELIVERY_ATTEMPTS=3", "DELIVERY_RETRY_WAIT=50ms", "WEBHOOK_SECRET_EMAIL=mail-key"})
@DirtiesContext
class ReplyDeliveryTest extends CommandApiTest {

    private static final LocalSmtp SMTP = new LocalSmtp();
    private static GreenMail smtp = SMTP.start();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Autowired
    EventProcessingConfiguration processors;

    @Autowired
    TokenStore tokens;

    @Autowired
    TransactionManager transactions;

    @Test
    void replies_reach_the_customer_as_mail_threaded_as_mail_clients_expect() throws Exception {
        String ticket = emailTicket("Where is my order?");
        post("/api/tickets/" + ticket + "/messages", null,
             Map.of("externalMessageId", "<m1@customer.example>", "body", "It has not arrived."))
                .expectStatus().is2xxSuccessful();
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "We are on it."))
                .expectStatus().is2xxSuccessful();

        MimeMessage first = received(ticket, 1).get(0);
        String firstId = replyIds(ticket).get(0);
        assertThat(first.getMessageID()).isEqualTo("<" + firstId + "@helpdesk.example>");
        assertThat(first.getHeader("In-Reply-To", null)).isEqualTo("<m1@customer.example>");
        assertThat(first.getHeader("References", null)).isEqualTo("<m1@customer.example>");
        assertThat(first.getSubject()).isEqualTo("Re: Where is my order?");
        assertThat(first.getFrom()[0].toString()).isEqualTo("Example Support <support@helpdesk.example>");
        assertThat(first.getAllRecipients()[0].toString()).contains("ana@example.com");
        assertThat(first.getContent().toString().strip()).isEqualTo("We are on it.");
        awaitEvent(ticket, "ReplyDispatched");
        assertThat(lastPayload(ticket)).contains("\"messageId\":\"<" + firstId + "@helpdesk.example>\"")
                                       .contains("\"provider\":\"smtp\"");

        // The ticket moves to the billing team; the next reply answers the first and comes from billing.
        call(org.springframework.http.HttpMethod.POST, "/api/tickets/" + ticket + "/assignment", "agent-ana",
             Map.of("assignee", "agent-bo", "team", "billing")).expectStatus().is2xxSuccessful();
        post("/api/tickets/" + ticket + "/replies", "agent-bo", Map.of("body", "It ships today."))
                .expectStatus().is2xxSuccessful();
        MimeMessage second = received(ticket, 2).get(1);
        assertThat(second.getFrom()[0].toString()).isEqualTo("Billing Desk <billing@helpdesk.example>");
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo("<" + firstId + "@helpdesk.example>");
        assertThat(second.getHeader("References", null))
                .isEqualTo("<m1@customer.example> <" + firstId + "@helpdesk.example>");
    }

    @Test
    void a_mail_answering_one_of_ours_joins_its_ticket_from_any_address_and_reopens_it_and_a_look_alike_does_not()
            throws Exception {
        // A customer of their own: another test's open ticket of the same address would take the first mail.
        String ticket = inboundMail("lamp@example.com", "<c1@customer.example>", "Broken lamp", null, null);
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "A new one is on its way."))
                .expectStatus().is2xxSuccessful();
        received(ticket, 1);
        awaitEvent(ticket, "ReplyDispatched");
        String ours = "<" + replyIds(ticket).get(0) + "@helpdesk.example>";
        post("/api/tickets/" + ticket + "/resolve", "agent-ana", Map.of("resolution", "replacement sent"))
                .expectStatus().is2xxSuccessful();

        // The customer answers our mail from another address of theirs: same ticket, reopened.
        String answered = inboundMail("lamp.private@example.net", "<c2@customer.example>", "Re: Broken lamp", ours,
                                      "<c1@customer.example> " + ours);
        assertThat(answered).isEqualTo(ticket);
        assertThat(events(ticket)).endsWith("CustomerMessageReceived", "TicketReopened");
        // Someone else's mail with the same subject, answering nothing of ours, is a ticket of its own.
        assertThat(inboundMail("cy@example.com", "<c3@other.example>", "Re: Broken lamp", null, null))
                .isNotEqualTo(ticket);

        // The next reply answers the customer's latest mail, with the whole thread in References.
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Sorry about that."))
                .expectStatus().is2xxSuccessful();
        MimeMessage next = received(ticket, 2).get(1);
        // To the address the customer wrote from last.
        assertThat(next.getAllRecipients()[0].toString()).contains("lamp.private@example.net");
        assertThat(next.getHeader("In-Reply-To", null)).isEqualTo("<c2@customer.example>");
        assertThat(next.getHeader("References", null)).isEqualTo("<c1@customer.example> " + ours
                                                                         + " <c2@customer.example>");
    }

    @Test
    void mails_taken_before_threads_were_kept_are_threaded_by_the_migration_that_reads_them_from_the_history()
            throws Exception {
        String ticket = inboundMail("old@example.com", "<old-1@customer.example>", "Old mail", null, null);
        // As if taken before V2: no thread row.
        jdbc.update("DELETE FROM command.mail_thread WHERE ticket_id = ?", ticket);
        String migration = new String(getClass().getResourceAsStream(
                "/db/command/V4__mail_threads_from_history.sql").readAllBytes(),
                                      java.nio.charset.StandardCharsets.UTF_8);
        jdbc.execute(migration);
        assertThat(jdbc.queryForList("SELECT message_id FROM command.mail_thread WHERE ticket_id = ?", String.class,
                                     ticket)).containsExactly("<old-1@customer.example>");
        post("/api/tickets/" + ticket + "/resolve", "agent-ana", Map.of("resolution", "answered"))
                .expectStatus().is2xxSuccessful();
        assertThat(inboundMail("old.other@example.net", "<old-2@customer.example>", "Re: Old mail",
                               "<old-1@customer.example>", null)).isEqualTo(ticket);
    }

    /** A mail through the signed e-mail webhook (Mailgun's inbound-parse fields); returns its ticket. */
    private String inboundMail(String sender, String messageId, String subject, String inReplyTo,
                               String references) throws Exception {
        org.springframework.util.MultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
        form.add("sender", sender);
        form.add("from", "Customer <" + sender + ">");
        form.add("subject", subject);
        form.add("body-plain", "About " + subject);
        form.add("Message-Id", messageId);
        if (inReplyTo != null) {
            form.add("In-Reply-To", inReplyTo);
        }
        if (references != null) {
            form.add("References", references);
        }
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond());
        String token = java.util.UUID.randomUUID().toString();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("mail-key".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                                     "HmacSHA256"));
        form.add("timestamp", timestamp);
        form.add("token", token);
        form.add("signature", java.util.HexFormat.of().formatHex(
                mac.doFinal((timestamp + token).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        JsonNode accepted = http.post().uri("/api/webhooks/email")
                                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                                .bodyValue(form).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                .returnResult().getResponseBody();
        return accepted.path("ticketId").asText();
    }

    @Test
    void a_reply_delivered_to_the_processor_again_is_not_sent_again() {
        String ticket = emailTicket("Once only");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "One mail."))
                .expectStatus().is2xxSuccessful();
        received(ticket, 1);
        awaitEvent(ticket, "ReplyDispatched");

        // Every delivery event from the first one on, delivered again.
        StreamingEventProcessor deliveries = processors.eventProcessor(ReplyDelivery.GROUP,
                                                                        StreamingEventProcessor.class).orElseThrow();
        deliveries.shutDown();
        transactions.executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(ReplyDelivery.GROUP)) {
                tokens.storeToken(GapAwareTrackingToken.newInstance(0, List.of()), ReplyDelivery.GROUP, segment);
                tokens.releaseClaim(ReplyDelivery.GROUP, segment);
            }
        });
        deliveries.start();
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        var caughtUp = GapAwareTrackingToken.newInstance(head, java.util.Collections.emptySortedSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.processingStatus().size() == 2
                && deliveries.processingStatus().values().stream().allMatch(
                        status -> status.getTrackingToken() != null && status.getTrackingToken().covers(caughtUp)));

        assertThat(mailsAbout(ticket)).hasSize(1);
        assertThat(events(ticket).stream().filter("ReplyDispatched"::equals)).hasSize(1);
    }

    @Test
    void a_reply_on_a_channel_without_outbound_delivery_is_recorded_as_not_delivered() {
        assertThat(replyOn("PHONE")).contains("not delivered: replies on PHONE are recorded only");
        // Chat replies are read through the customer's conversation link, which needs a signing key.
        assertThat(replyOn("CHAT")).contains("through their conversation link, and links are not configured");
        // SMS goes through Twilio, which these apps have not been given.
        assertThat(replyOn("SMS")).contains("not delivered: Twilio is not configured for SMS");
    }

    /** Opens a ticket on the channel, replies, and returns what the ticket recorded about the reply. */
    private String replyOn(String channel) {
        Map<?, ?> created = post("/api/tickets", null, Map.of("customerEmail", "bo@example.com", "channel", channel,
                                                              "subject", "Text", "body", "hi", "importance", 3))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String ticket = (String) created.get("ticketId");
        post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Hello"))
                .expectStatus().is2xxSuccessful();
        awaitEvent(ticket, "ReplyDeliveryFailed");
        return lastPayload(ticket);
    }

    @Test
    void a_reply_waits_in_the_dead_letters_while_the_mail_server_is_down_and_an_admin_retry_delivers_it_once() {
        String ticket = emailTicket("Server down");
        smtp.stop();
        try {
            post("/api/tickets/" + ticket + "/replies", "agent-ana", Map.of("body", "Eventually."))
                    .expectStatus().is2xxSuccessful();
            JsonNode letter = await().atMost(Duration.ofSeconds(60)).until(
                    () -> deadLetter(ticket), java.util.Objects::nonNull);
            assertThat(letter.path("causeMessage").asText()).startsWith("e-mail: ");
            assertThat(events(ticket)).doesNotContain("ReplyDispatched", "ReplyDeliveryFailed");
        } finally {
            smtp = SMTP.start();
        }
        http.post().uri("/api/admin/dead-letters/" + ReplyDelivery.GROUP + "/" + ticket + "/retry")
            .headers(TestTokens.as("admin", Role.ADMIN)).exchange().expectStatus().is2xxSuccessful();
        received(ticket, 1);
        awaitEvent(ticket, "ReplyDispatched");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(ticket) == null);
        assertThat(mailsAbout(ticket)).hasSize(1);
    }

    private JsonNode deadLetter(String ticket) {
        JsonNode letters = http.get().uri("/api/admin/dead-letters?group=" + ReplyDelivery.GROUP)
                               .headers(TestTokens.as("admin", Role.ADMIN)).exchange()
                               .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode letter : letters) {
            if (ticket.equals(letter.path("aggregateId").asText())) {
                return letter;
            }
        }
        return null;
    }


    /** The identifiers of the ticket's AgentReplied events, oldest first. */
    private List<String> replyIds(String ticket) {
        return jdbc.queryForList("SELECT event_identifier FROM eventstore.domain_event_entry "
                                         + "WHERE aggregate_identifier = ? AND payload_type LIKE '%.AgentReplied' "
                                         + "ORDER BY sequence_number", String.class, ticket);
    }

    /** The mails of the ticket's replies (their Message-IDs name the replies), in the order of the replies. */
    private List<MimeMessage> mailsAbout(String ticket) {
        List<String> replies = replyIds(ticket);
        List<MimeMessage> mails = new java.util.ArrayList<>();
        for (String reply : replies) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (messageId(mail).startsWith("<" + reply + "@")) {
                    mails.add(mail);
                }
            }
        }
        return mails;
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<MimeMessage> received(String ticket, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(ticket), mails -> mails.size() >= count);
    }

    private void awaitEvent(String ticket, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains(type));
    }
}
