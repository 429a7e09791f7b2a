package io.helpdesk.command.field;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom fields: ADMIN defines typed fields; a ticket's values are checked against them (400 naming the field for
 * a wrong type, an unknown option or an unknown field); options are renamed or added but never removed; a value
 * set again changes nothing.
 */
class CustomFieldsTest extends CommandApiTest {

    private WebTestClient.ResponseSpec as(Role role, HttpMethod method, String uri, Object body) {
        var request = http.method(method).uri(uri).headers(TestTokens.as("fay", role))
                          .contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    private JsonNode answer(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String field(JsonNode problem) {
        return problem.path("errors").get(0).path("field").asText();
    }

    private static Map<String, Object> define(String key, String type, List<Map<String, String>> options) {
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "entity", "TICKET", "label", key, "type", type));
        if (options != null) {
            body.put("options", options);
        }
        return body;
    }

    @Test
    void values_are_checked_against_their_fields_and_options_are_renamed_never_removed() {
        List<Map<String, String>> plans = List.of(Map.of("id", "gold", "label", "Gold"),
                                                  Map.of("id", "silver", "label", "Silver"));
        answer(as(Role.MANAGER, HttpMethod.POST, "/api/admin/fields", define("plan", "SELECT", plans)), 403);
        JsonNode plan = answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define("plan", "SELECT", plans)),
                               201);
        assertThat(plan.path("options").get(0).path("label").asText()).isEqualTo("Gold");
        answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define("plan", "SELECT", plans)), 409);
        for (var type : List.of("NUMBER", "DATE", "CHECKBOX", "TEXT")) {
            answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define(type.toLowerCase(), type, null)), 201);
        }
        answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define("regions", "MULTI_SELECT",
                List.of(Map.of("id", "eu", "label", "Europe"), Map.of("id", "us", "label", "Americas")))), 201);
        assertThat(field(answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define("tier", "SELECT", null)),
                                400))).isEqualTo("options");
        assertThat(field(answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields",
                                   define("size", "TEXT", plans)), 400))).isEqualTo("options");
        assertThat(field(answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", define("Bad Key", "TEXT", null)),
                                400))).isEqualTo("key");
        assertThat(answer(as(Role.AGENT, HttpMethod.GET, "/api/fields", null), 200)).hasSize(6);

        String ticket = openTicket(3);
        Map<String, Object> values = new HashMap<>();
        values.put("plan", "gold");
        values.put("number", 12.50);
        values.put("date", "2026-12-31");
        values.put("checkbox", true);
        values.put("text", "from the fair");
        values.put("regions", List.of("eu", "us", "eu"));
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/tickets/" + ticket + "/fields", values), 200);
        assertThat(lastPayload(ticket)).contains("\"number\":\"12.5\"").contains("\"regions\":[\"eu\",\"us\"]")
                                       .contains("\"plan\":\"gold\"").contains("\"checkbox\":true");
        int events = events(ticket).size();
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/tickets/" + ticket + "/fields", Map.of("plan", "gold")), 200);
        assertThat(events(ticket)).hasSize(events);

        Map<String, Object> wrong = Map.of(
                "number", "many", "plan", "platinum", "date", "31.12.2026", "checkbox", "yes", "regions", "eu",
                "nope", "x");
        wrong.forEach((key, value) -> assertThat(field(answer(as(Role.AGENT, HttpMethod.PUT,
                "/api/tickets/" + ticket + "/fields", Map.of(key, value)), 400))).as(key).isEqualTo("fields." + key));
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/tickets/no-such-ticket/fields", Map.of("plan", "gold")), 404);
        Map<String, Object> clear = new HashMap<>();
        clear.put("text", null);
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/tickets/" + ticket + "/fields", clear), 200);
        assertThat(lastPayload(ticket)).contains("\"text\":null");

        // Renamed and extended, never shrunk: the stored ids stay valid.
        JsonNode renamed = answer(as(Role.ADMIN, HttpMethod.PUT, "/api/admin/fields/plan", Map.of("options", List.of(
                Map.of("id", "gold", "label", "Gold plan"), Map.of("id", "silver", "label", "Silver"),
                Map.of("id", "bronze", "label", "Bronze")))), 200);
        assertThat(renamed.path("options").get(0).path("label").asText()).isEqualTo("Gold plan");
        assertThat(field(answer(as(Role.ADMIN, HttpMethod.PUT, "/api/admin/fields/plan", Map.of("options",
                List.of(Map.of("id", "gold", "label", "Gold")))), 400))).isEqualTo("options");
        answer(as(Role.ADMIN, HttpMethod.PUT, "/api/admin/fields/nope", Map.of("label", "x")), 404);
    }

    @Test
    void contacts_and_organizations_take_their_own_fields() {
        Map<String, Object> tier = new HashMap<>(define("tier", "SELECT", List.of(Map.of("id", "a", "label", "A"))));
        tier.put("entity", "CONTACT");
        answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", tier), 201);
        Map<String, Object> size = new HashMap<>(define("employees", "NUMBER", null));
        size.put("entity", "ORGANIZATION");
        answer(as(Role.ADMIN, HttpMethod.POST, "/api/admin/fields", size), 201);
        String contact = answer(as(Role.AGENT, HttpMethod.POST, "/api/contacts", Map.of("name", "Tia")), 201)
                .path("contactId").asText();
        String organization = answer(as(Role.MANAGER, HttpMethod.POST, "/api/organizations", Map.of("name", "Tia Co")),
                                     201).path("organizationId").asText();

        answer(as(Role.AGENT, HttpMethod.PUT, "/api/contacts/" + contact + "/fields", Map.of("tier", "a")), 200);
        assertThat(lastPayload(contact)).contains("\"tier\":\"a\"");
        assertThat(field(answer(as(Role.AGENT, HttpMethod.PUT, "/api/contacts/" + contact + "/fields",
                                   Map.of("employees", 5)), 400))).isEqualTo("fields.employees");
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/organizations/" + organization + "/fields",
                  Map.of("employees", 5)), 403);
        answer(as(Role.MANAGER, HttpMethod.PUT, "/api/organizations/" + organization + "/fields",
                  Map.of("employees", 5)), 200);
        assertThat(lastPayload(organization)).contains("\"employees\":\"5\"");
        answer(as(Role.AGENT, HttpMethod.PUT, "/api/contacts/c-none/fields", Map.of("tier", "a")), 404);
    }
}
