package io.helpdesk.command.contact;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts on the write side: one owner per identity, also when requests race; new senders become contacts (in
 * the organization of their e-mail domain); merge and unmerge move identities and where new tickets go; tickets
 * recorded before contacts existed are read with their contact's id and get their contacts made.
 */
@TestPropertySource(properties = {"WEBHOOK_SECRET_GENERIC=s3cret", "WEBHOOK_RATE_PER_SECOND=1000"})
@DirtiesContext
class ContactsTest extends CommandApiTest {

    @Autowired
    EventStorageEngine events;

    @Autowired
    ContactBackfill backfill;

    private WebTestClient.ResponseSpec as(Role role, HttpMethod method, String uri, Object body) {
        var request = http.method(method).uri(uri).headers(TestTokens.as("kim", role))
                          .contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    private JsonNode ok(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode deliver(String id, String from, String channel) throws Exception {
        String body = "{\"messageId\":\"" + id + "\",\"customerEmail\":\"" + from + "\",\"channel\":\"" + channel
                + "\",\"customerName\":\"Zoe\",\"subject\":\"Order\",\"body\":\"Where is it?\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http.post().uri("/api/webhooks/generic").contentType(MediaType.APPLICATION_JSON)
                   .header("X-Signature-256", signature).bodyValue(body).exchange()
                   .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private TicketOpened opened(String ticketId) {
        return (TicketOpened) events.readEvents(ticketId, 0).asStream().findFirst().orElseThrow().getPayload();
    }

    private String owner(String identity) {
        return jdbc.queryForList("SELECT contact_id FROM command.contact_identity WHERE identity = ?", String.class,
                                 identity).stream().findFirst().orElse(null);
    }

    private List<String> contactsCreated(String identity) {
        return stored("." + ContactCreated.class.getSimpleName()).stream()
                .filter(e -> e.payload().contains("\"" + identity + "\"")).map(Stored::aggregateId).toList();
    }

    @Test
    void an_identity_belongs_to_one_contact_even_when_requests_race() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> create = () -> as(Role.AGENT, HttpMethod.POST, "/api/contacts",
                                                    Map.of("name", "Zoe", "identities", List.of("ZOE@Race.example")))
                        .returnResult(String.class).getStatus().value();
                answers.add(pool.submit(create));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(contactsCreated("zoe@race.example")).hasSize(1);
        assertThat(owner("zoe@race.example")).isEqualTo(contactsCreated("zoe@race.example").get(0));

        JsonNode taken = ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts",
                               Map.of("identities", List.of("zoe@race.example"))), 409);
        assertThat(taken.path("rule").asText()).isEqualTo("IdentityTaken");
        assertThat(taken.path("detail").asText()).contains(owner("zoe@race.example"));
        JsonNode bad = ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts",
                             Map.of("identities", List.of("ok@example.com", "two words"))), 400);
        assertThat(bad.path("errors").get(0).path("field").asText()).isEqualTo("identities[1]");
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts", Map.of("language", "not a language!")), 400);
        ok(as(Role.VIEWER, HttpMethod.POST, "/api/contacts", Map.of("name", "Viewer")), 403);
    }

    @Test
    void new_senders_become_one_contact_each_in_the_organization_of_their_domain() throws Exception {
        JsonNode acme = ok(as(Role.MANAGER, HttpMethod.POST, "/api/organizations",
                              Map.of("name", "Acme", "domains", List.of("@Acme.example"))), 201);
        String organizationId = acme.path("organizationId").asText();
        ok(as(Role.AGENT, HttpMethod.POST, "/api/organizations", Map.of("name", "Nope")), 403);
        JsonNode taken = ok(as(Role.ADMIN, HttpMethod.POST, "/api/organizations",
                               Map.of("name", "Other", "domains", List.of("acme.example"))), 409);
        assertThat(taken.path("rule").asText()).isEqualTo("DomainTaken");
        ok(as(Role.ADMIN, HttpMethod.POST, "/api/organizations",
              Map.of("name", "Bad", "domains", List.of("not a domain"))), 400);

        // Messages of one new sender on two channels at the same moment: one contact.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<JsonNode>> delivered = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String channel = i % 2 == 0 ? "EMAIL" : "CHAT";
                int n = i;
                delivered.add(pool.submit(() -> deliver("race-" + n, "Zoe@Acme.example", channel)));
            }
            for (Future<JsonNode> one : delivered) {
                one.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String contactId = Contacts.idFor("zoe@acme.example");
        assertThat(contactsCreated("zoe@acme.example")).containsExactly(contactId);
        for (Future<JsonNode> one : delivered) {
            assertThat(opened(one.get().path("ticketId").asText()).contactId()).isEqualTo(contactId);
        }
        ContactCreated created = (ContactCreated) events.readEvents(contactId, 0).asStream().findFirst().orElseThrow()
                                                        .getPayload();
        assertThat(created.organizationId()).isEqualTo(organizationId);
        assertThat(created.name()).isEqualTo("Zoe");
        assertThat(created.by()).isEqualTo("webhook:generic");

        // A ticket opened over the API belongs to the address's contact too, or to the contact named.
        JsonNode ticket = ok(as(Role.AGENT, HttpMethod.POST, "/api/tickets",
                                Map.of("customerEmail", "zoe@acme.example", "channel", "PHONE", "subject", "Call",
                                       "body", "Called about the order")), 201);
        assertThat(opened(ticket.path("ticketId").asText()).contactId()).isEqualTo(contactId);
        JsonNode unknown = ok(as(Role.AGENT, HttpMethod.POST, "/api/tickets",
                                 Map.of("customerEmail", "x@acme.example", "channel", "PHONE", "subject", "Call",
                                        "body", "Hi", "contactId", "c-nobody")), 400);
        assertThat(unknown.path("errors").get(0).path("field").asText()).isEqualTo("contactId");
    }

    @Test
    void merged_contacts_share_identities_and_new_tickets_until_unmerged() throws Exception {
        String email = ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts",
                             Map.of("name", "Lea", "identities", List.of("lea@merge.example"))), 201)
                .path("contactId").asText();
        String phone = ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts",
                             Map.of("identities", List.of("lea.private@mail.example", "+4915100000001"))), 201)
                .path("contactId").asText();

        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/merge", Map.of("from", email)), 400);
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/merge", Map.of("from", "c-none")), 404);
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/unmerge", null), 409);
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/merge", Map.of("from", phone)), 200);
        assertThat(owner("+4915100000001")).isEqualTo(email);
        assertThat(events(phone)).last().isEqualTo("ContactMerged");
        assertThat(events(email)).last().isEqualTo("ContactAbsorbed");
        // The merged contact is only a pointer now.
        JsonNode merged = ok(as(Role.AGENT, HttpMethod.PATCH, "/api/contacts/" + phone, Map.of("name", "X")), 409);
        assertThat(merged.path("rule").asText()).isEqualTo("ContactMerged");
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + phone + "/merge", Map.of("from", email)), 409);

        assertThat(owner("lea.private@mail.example")).isEqualTo(email);
        String mail = deliver("mail-1", "lea.private@mail.example", "EMAIL").path("ticketId").asText();
        assertThat(opened(mail).contactId()).isEqualTo(email);

        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + phone + "/unmerge", null), 200);
        assertThat(owner("+4915100000001")).isEqualTo(phone);
        assertThat(owner("lea@merge.example")).isEqualTo(email);
        String later = deliver("chat-1", "lea.private@mail.example", "CHAT").path("ticketId").asText();
        assertThat(opened(later).contactId()).isEqualTo(phone);

        // Identities move by hand too; a removed identity is free for another contact.
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/identities",
              Map.of("identity", "+4915100000001")), 409);
        ok(as(Role.AGENT, HttpMethod.DELETE, "/api/contacts/" + phone + "/identities/+4915100000001", null), 200);
        ok(as(Role.AGENT, HttpMethod.POST, "/api/contacts/" + email + "/identities",
              Map.of("identity", "+4915100000001")), 200);
        assertThat(owner("+4915100000001")).isEqualTo(email);
        ok(as(Role.AGENT, HttpMethod.PATCH, "/api/contacts/" + email,
              Map.of("language", "pt-br", "organizationId", "o-none")), 400);
        ok(as(Role.AGENT, HttpMethod.PATCH, "/api/contacts/" + email, Map.of("language", "pt-br")), 200);
        assertThat(events(email)).last().isEqualTo("ContactChanged");
    }

    @Test
    void tickets_written_before_contacts_are_read_with_their_contact_which_the_backfill_makes() {
        String ticketId = "legacy-" + UUID.randomUUID();
        String old = """
                {"ticketId":"%s","customerEmail":"Old.Customer@Legacy.example","customerName":"Olga",
                 "channel":"EMAIL","subject":"Old","body":"From before contacts","importance":null,
                 "priority":"P2","externalMessageId":null,"attachments":[]}""".formatted(ticketId);
        jdbc.update("""
                INSERT INTO eventstore.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Ticket', ?, ?, NULL, ?, ?)""",
                    UUID.randomUUID().toString(), ticketId, Instant.now().toString(), TicketOpened.class.getName(),
                    old.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        TicketOpened read = opened(ticketId);
        assertThat(read.contactId()).isEqualTo(Contacts.idFor("old.customer@legacy.example"));
        assertThat(read.customerEmail()).isEqualTo("Old.Customer@Legacy.example");
        assertThat(owner("old.customer@legacy.example")).isNull();

        assertThat(backfill.run()).isEqualTo(1);
        assertThat(owner("old.customer@legacy.example")).isEqualTo(read.contactId());
        ContactCreated made = (ContactCreated) events.readEvents(read.contactId(), 0).asStream().findFirst()
                                                     .orElseThrow().getPayload();
        assertThat(made.name()).isEqualTo("Olga");
        assertThat(backfill.run()).isZero();
        // The stored row is as it was written: the audit chain covers it unchanged.
        assertThat(jdbc.queryForObject("SELECT payload_revision FROM eventstore.domain_event_entry "
                                               + "WHERE aggregate_identifier = ?", String.class, ticketId)).isNull();
    }
}
