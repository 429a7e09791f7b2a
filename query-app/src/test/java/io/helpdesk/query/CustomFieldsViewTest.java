package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.testing.TestDatabase;
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
 * Custom fields from outside: values show on the ticket, filter the inbox, group analytics figures and fill a
 * CSV column each; a renamed option's tickets are reported under its new label.
 */
class CustomFieldsViewTest {

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create());
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static String query(String uri) {
        return apps.queries().get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class)
                   .returnResult().getResponseBody();
    }

    private static String open(String subject) {
        return apps.command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", "cf@example.com", "channel",
                                                                    "EMAIL", "subject", subject, "body", "..."), 201)
                   .path("ticketId").asText();
    }

    private static List<String> inbox(String filter) {
        JsonNode page = apps.queries().get().uri("/api/inbox?" + filter).exchange().expectStatus().isOk()
                            .expectBody(JsonNode.class).returnResult().getResponseBody();
        return StreamSupport.stream(page.path("items").spliterator(), false)
                            .map(row -> row.path("ticketId").asText()).toList();
    }

    @Test
    void values_filter_the_inbox_group_figures_and_fill_csv_columns_under_current_labels() {
        apps.command(HttpMethod.POST, "/api/admin/fields", Map.of("key", "plan", "entity", "TICKET", "label", "Plan",
                "type", "SELECT", "options", List.of(Map.of("id", "gold", "label", "Gold"),
                                                     Map.of("id", "silver", "label", "Silver"))), 201);
        apps.command(HttpMethod.POST, "/api/admin/fields", Map.of("key", "regions", "entity", "TICKET", "label",
                "Regions", "type", "MULTI_SELECT", "options", List.of(Map.of("id", "eu", "label", "Europe"),
                                                                      Map.of("id", "us", "label", "Americas"))), 201);
        String a = open("Gold customer");
        String b = open("Silver customer");
        open("No plan");
        apps.command(HttpMethod.PUT, "/api/tickets/" + a + "/fields", Map.of("plan", "gold", "regions",
                                                                            List.of("eu", "us")), 200);
        apps.command(HttpMethod.PUT, "/api/tickets/" + b + "/fields", Map.of("plan", "silver", "regions",
                                                                            List.of("us")), 200);

        await().atMost(Duration.ofSeconds(15)).until(() -> inbox("field=plan:gold").equals(List.of(a)));
        assertThat(inbox("field=regions:us")).containsExactlyInAnyOrder(a, b);
        assertThat(inbox("field=regions:eu&field=plan:gold")).containsExactly(a);
        assertThat(inbox("field=plan:bronze")).isEmpty();
        assertThat(query("/api/tickets/" + a)).contains("\"fields\":{\"plan\":\"gold\",\"regions\":[\"eu\",\"us\"]}");

        // Gold renamed: its tickets are reported under the new label, in figures and in the CSV.
        apps.command(HttpMethod.PUT, "/api/admin/fields/plan", Map.of("options", List.of(
                Map.of("id", "gold", "label", "Gold plan"), Map.of("id", "silver", "label", "Silver"))), 200);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/analytics/volume?by=field:plan").contains("\"key\":\"Gold plan\""));
        assertThat(query("/api/analytics/volume?by=field:plan"))
                .contains("{\"key\":\"Gold plan\",\"tickets\":1}").contains("{\"key\":\"Silver\",\"tickets\":1}")
                .contains("{\"key\":\"(none)\",\"tickets\":1}");
        String csv = query("/api/analytics/tickets.csv");
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",sla_met,field:plan,field:regions");
        assertThat(csv.lines().filter(line -> line.startsWith(a)).findFirst().orElseThrow())
                .endsWith(",Gold plan,Europe; Americas");
        apps.queries().get().uri("/api/analytics/volume?by=field:Bad Key").exchange().expectStatus().isBadRequest();

        // A contact's own fields show in its view.
        apps.command(HttpMethod.POST, "/api/admin/fields", Map.of("key", "segment", "entity", "CONTACT", "label",
                "Segment", "type", "TEXT"), 201);
        String contact = apps.command(HttpMethod.POST, "/api/contacts", Map.of("name", "Cf"), 201)
                             .path("contactId").asText();
        apps.command(HttpMethod.PUT, "/api/contacts/" + contact + "/fields", Map.of("segment", "enterprise"), 200);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/contacts/" + contact).contains("\"fields\":{\"segment\":\"enterprise\"}"));
    }

    @Test
    void figures_group_by_the_fields_of_a_tickets_contact_and_organization_following_contact_merges() {
        apps.command(HttpMethod.POST, "/api/admin/fields", Map.of("key", "tier", "entity", "ORGANIZATION", "label",
                "Tier", "type", "SELECT", "options", List.of(Map.of("id", "ent", "label", "Enterprise"),
                                                             Map.of("id", "smb", "label", "Small business"))), 201);
        apps.command(HttpMethod.POST, "/api/admin/fields", Map.of("key", "language_skill", "entity", "CONTACT",
                "label", "Language", "type", "TEXT"), 201);
        String globex = apps.command(HttpMethod.POST, "/api/organizations",
                                     Map.of("name", "Globex", "domains", List.of("globex.example")), 201)
                            .path("organizationId").asText();
        apps.command(HttpMethod.PUT, "/api/organizations/" + globex + "/fields", Map.of("tier", "ent"), 200);
        ticket("hank@globex.example", "Invoice");
        ticket("hank@globex.example", "Delivery");
        ticket("hank@home.example", "Password");
        ticket("someone@else.example", "Other");
        String workContact = contactOf("hank@globex.example");
        String homeContact = contactOf("hank@home.example");
        apps.command(HttpMethod.PUT, "/api/contacts/" + workContact + "/fields", Map.of("language_skill", "de"), 200);

        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/analytics/volume?by=contact-field:language_skill")
                        .contains("{\"key\":\"de\",\"tickets\":2}"));
        assertThat(query("/api/analytics/volume?by=organization-field:tier"))
                .contains("{\"key\":\"Enterprise\",\"tickets\":2}");

        // Hank's private address is the same person: his ticket from there now counts with his contact's values.
        apps.command(HttpMethod.POST, "/api/contacts/" + workContact + "/merge", Map.of("from", homeContact), 200);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> query("/api/analytics/volume?by=contact-field:language_skill")
                        .contains("{\"key\":\"de\",\"tickets\":3}"));
        assertThat(query("/api/analytics/volume?by=organization-field:tier"))
                .contains("{\"key\":\"Enterprise\",\"tickets\":3}");
        apps.queries().get().uri("/api/analytics/volume?by=contact-field:Bad").exchange().expectStatus().isBadRequest();
    }

    private static String ticket(String customer, String subject) {
        return apps.command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", customer, "channel", "EMAIL",
                                                                    "subject", subject, "body", "..."), 201)
                   .path("ticketId").asText();
    }

    private static String contactOf(String identity) {
        return apps.jdbc().queryForObject("SELECT contact_id FROM command.contact_identity WHERE identity = ?",
                                          String.class, identity);
    }
}
