package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contacts from outside: a contact's view holds every ticket across channels, its organization and its ratings;
 * merging moves the other contact's tickets into the view and the inbox's organization filter, unmerging moves
 * them back.
 */
class ContactsTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create());
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static JsonNode command(HttpMethod method, String uri, Object body, int status) {
        return apps.command(method, uri, body, status);
    }

    private static String open(String customer, String channel, String subject) {
        return command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", customer, "customerName", "Ines",
                                                               "channel", channel, "subject", subject, "body", "..."),
                       201).path("ticketId").asText();
    }

    private static JsonNode query(String uri) {
        return apps.queries().get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                   .returnResult().getResponseBody();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
    }

    @Test
    void a_contact_shows_its_tickets_across_channels_and_merging_moves_tickets_and_organization() {
        String acme = command(HttpMethod.POST, "/api/organizations",
                              Map.of("name", "Acme", "domains", List.of("acme.example")), 201)
                .path("organizationId").asText();
        String work = open("ines@acme.example", "EMAIL", "Invoice");
        String chat = open("Ines@Acme.example", "CHAT", "Delivery");
        String home = open("ines@home.example", "WEB", "Password");
        command(HttpMethod.POST, "/api/tickets/" + work + "/resolve", Map.of("resolution", "sent"), 200);
        command(HttpMethod.POST, "/api/tickets/" + work + "/csat", Map.of("score", 4, "comment", "quick"), 201);

        String workContact = apps.jdbc().queryForObject(
                "SELECT contact_id FROM command.contact_identity WHERE identity = 'ines@acme.example'", String.class);
        String homeContact = apps.jdbc().queryForObject(
                "SELECT contact_id FROM command.contact_identity WHERE identity = 'ines@home.example'", String.class);
        await().atMost(Duration.ofSeconds(15))
               .until(() -> query("/api/contacts/" + workContact).path("satisfaction").size() == 1);
        JsonNode view = query("/api/contacts/" + workContact);
        assertThat(view.path("name").asText()).isEqualTo("Ines");
        assertThat(view.path("organization").path("name").asText()).isEqualTo("Acme");
        assertThat(texts(view.path("identities"), "identity")).containsExactly("ines@acme.example");
        assertThat(texts(view.path("identities"), "kind")).containsExactly("EMAIL");
        assertThat(texts(view.path("tickets"), "ticketId")).containsExactlyInAnyOrder(work, chat);
        assertThat(view.path("satisfaction").get(0).path("score").asInt()).isEqualTo(4);
        assertThat(view.path("satisfaction").get(0).path("comment").asText()).isEqualTo("quick");
        assertThat(texts(query("/api/inbox?organizationId=" + acme).path("items"), "ticketId"))
                .containsExactlyInAnyOrder(work, chat);
        assertThat(query("/api/tickets/" + home).path("contactId").asText()).isEqualTo(homeContact);
        assertThat(query("/api/tickets/" + home).path("organizationId").isNull()).isTrue();

        // The private address is the same person: merged, the ticket and the identity move, and so does the
        // organization the inbox filters by.
        command(HttpMethod.POST, "/api/contacts/" + workContact + "/merge", Map.of("from", homeContact), 200);
        await().atMost(Duration.ofSeconds(15))
               .until(() -> query("/api/contacts/" + workContact).path("tickets").size() == 3);
        view = query("/api/contacts/" + workContact);
        assertThat(texts(view.path("identities"), "identity"))
                .containsExactly("ines@acme.example", "ines@home.example");
        assertThat(view.path("merged").get(0).asText()).isEqualTo(homeContact);
        assertThat(query("/api/contacts/" + homeContact).path("mergedInto").asText()).isEqualTo(workContact);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/inbox?organizationId=" + acme).path("items").size() == 3);
        assertThat(texts(query("/api/contacts?q=INES").path("items"), "contactId")).containsExactly(workContact);
        // Analytics count the merged contact's ticket for the organization too, and list the organization's.
        await().atMost(Duration.ofSeconds(15)).until(() -> query("/api/analytics/volume?by=organization").toString()
                                                                .contains("{\"key\":\"Acme\",\"tickets\":3}"));
        assertThat(texts(query("/api/analytics/tickets?organizationId=" + acme), "ticketId"))
                .containsExactlyInAnyOrder(work, chat, home);
        assertThat(query("/api/organizations").get(0).path("contacts").asLong()).isEqualTo(1);
        assertThat(texts(query("/api/organizations/" + acme).path("contacts"), "contactId"))
                .containsExactly(workContact);

        command(HttpMethod.POST, "/api/contacts/" + homeContact + "/unmerge", null, 200);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/inbox?organizationId=" + acme).path("items").size() == 2);
        assertThat(texts(query("/api/contacts/" + homeContact).path("tickets"), "ticketId")).containsExactly(home);
        assertThat(texts(query("/api/contacts/" + workContact).path("identities"), "identity"))
                .containsExactly("ines@acme.example");
        assertThat(query("/api/contacts?q=ines").path("items")).hasSize(2);

        apps.queries().get().uri("/api/contacts/c-none").exchange().expectStatus().isNotFound();
        apps.queries().get().uri("/api/contacts").headers(TestTokens.as("vic", Role.VIEWER)).exchange()
            .expectStatus().isForbidden();
    }
}
