package io.helpdesk.command.macro;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Macros over HTTP: managers write them (versioned), agents apply one to several tickets at once; each ticket
 * changes in one step or not at all, and every event an application causes names the macro, its version and
 * the application.
 */
class MacroApiTest extends CommandApiTest {

    private static final List<Map<String, Object>> ACTIONS = List.of(
            Map.of("type", "SET_PRIORITY", "value", "P1"),
            Map.of("type", "ADD_TAGS", "tags", List.of("refund")),
            Map.of("type", "PROPOSE_DRAFT", "value", "Hello {{customer.name}}, your refund for \"{{ticket.subject}}\" "
                    + "is on its way. {{agent.name}}"));

    private JsonNode as(String user, Role role, String method, String uri, Object body, int status) {
        var request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                          .headers(TestTokens.as(user, role)).contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String ticket(String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customerEmail", "c@example.com",
                                                                  "channel", "EMAIL", "subject", "Refund", "body", "?"));
        if (name != null) {
            body.put("customerName", name);
        }
        return post("/api/tickets", null, body).expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                               .getResponseBody().path("ticketId").asText();
    }

    @Test
    void managers_write_versioned_macros_agents_apply_them_to_many_tickets_each_in_one_step() {
        as("ana", Role.AGENT, "POST", "/api/macros", Map.of("name", "Refund", "actions", ACTIONS), 403);
        JsonNode created = as("lead", Role.MANAGER, "POST", "/api/macros",
                              Map.of("name", "Refund", "actions", ACTIONS.subList(0, 2)), 201);
        String macro = created.path("macroId").asText();
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(as("lead", Role.MANAGER, "PUT", "/api/macros/" + macro,
                      Map.of("name", "Refund", "actions", ACTIONS), 200).path("version").asInt()).isEqualTo(2);
        JsonNode listed = as("ana", Role.AGENT, "GET", "/api/macros", null, 200);
        assertThat(listed.findValuesAsText("macroId")).contains(macro);
        as("lead", Role.MANAGER, "POST", "/api/macros",
           Map.of("name", "Bad", "actions", List.of(Map.of("type", "SET_STATUS", "value", "CLOSED"))), 400);

        String open = ticket("Ana");
        String closed = ticket("Bo");
        post("/api/tickets/" + closed + "/close", "lead", null).expectStatus().isOk();
        String nameless = ticket(null);
        JsonNode applied = as("ana", Role.AGENT, "POST", "/api/macros/" + macro + "/apply",
                              Map.of("ticketIds", List.of(open, closed, nameless)), 200);
        assertThat(applied.path("version").asInt()).isEqualTo(2);
        JsonNode results = applied.path("results");
        assertThat(results.get(0).path("applied").asBoolean()).isTrue();
        assertThat(results.get(1).path("applied").asBoolean()).isFalse();
        assertThat(results.get(1).path("status").asInt()).isEqualTo(409);
        assertThat(results.get(2).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).path("problem").asText()).contains("{{customer.name}} cannot be filled");

        // The open ticket changed in one step; the others not at all.
        assertThat(events(open)).containsExactly("TicketOpened", "TicketPriorityChanged", "TicketTagged",
                                                 "DraftProposed");
        assertThat(lastPayload(open)).contains("Hello Ana, your refund for \\\"Refund\\\" is on its way. ana");
        assertThat(events(nameless)).containsExactly("TicketOpened");
        assertThat(events(closed)).containsExactly("TicketOpened", "TicketClosed");
        List<String> metaData = jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number > 0""", String.class, open);
        assertThat(metaData).hasSize(3).allSatisfy(m -> assertThat(m)
                .contains("\"macroId\":\"" + macro + "\"").contains("\"macroVersion\":2")
                .contains("\"macroApplication\":\"" + applied.path("applicationId").asText() + "\"")
                .contains("\"user\":\"ana\""));
    }

    @Test
    void an_application_is_undone_on_every_ticket_not_changed_since_and_refused_on_the_others() {
        String macro = as("lead", Role.MANAGER, "POST", "/api/macros", Map.of("name", "Escalate refund", "actions", List.of(
                Map.of("type", "SET_PRIORITY", "value", "P0"),
                Map.of("type", "ADD_TAGS", "tags", List.of("refund", "urgent")),
                Map.of("type", "ASSIGN", "value", "cy", "team", "billing"),
                Map.of("type", "SET_STATUS", "value", "PENDING"),
                Map.of("type", "PROPOSE_DRAFT", "value", "Dear {{customer.name}}, we are on it."))), 201)
                .path("macroId").asText();
        String kept = ticket("Ana");
        String changed = ticket("Bo");
        post("/api/tickets/" + kept + "/tags", "ana", Map.of("tags", List.of("refund"))).expectStatus().isOk();
        String application = as("ana", Role.AGENT, "POST", "/api/macros/" + macro + "/apply",
                                 Map.of("ticketIds", List.of(kept, changed)), 200).path("applicationId").asText();
        // Someone tags the second ticket after the macro: its undo would overwrite that, so it is refused.
        post("/api/tickets/" + changed + "/tags", "bo", Map.of("tags", List.of("later"))).expectStatus().isOk();

        JsonNode undone = as("ana", Role.AGENT, "POST", "/api/macros/applications/" + application + "/undo", null, 200);
        JsonNode byTicket = undone.path("results");
        JsonNode first = byTicket.get(0).path("ticketId").asText().equals(kept) ? byTicket.get(0) : byTicket.get(1);
        JsonNode second = first == byTicket.get(0) ? byTicket.get(1) : byTicket.get(0);
        assertThat(first.path("applied").asBoolean()).isTrue();
        assertThat(second.path("applied").asBoolean()).isFalse();
        assertThat(second.path("status").asInt()).isEqualTo(409);
        assertThat(second.path("problem").asText()).contains("changed after the macro");

        // Back as it was: the priority, its own tag kept and the macro's removed, unassigned, open, draft discarded.
        List<String> after = events(kept);
        assertThat(after.subList(after.size() - 6, after.size())).containsExactly(
                "TicketReturnedToOpen", "TicketPriorityChanged", "TicketUnassigned", "TicketUntagged",
                "DraftDiscarded", "InternalNoteAdded");
        String untagged = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TicketUntagged'""", String.class, kept);
        assertThat(untagged).contains("urgent").doesNotContain("\"refund\"");
        String priority = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TicketPriorityChanged' ORDER BY sequence_number DESC
                LIMIT 1""", String.class, kept);
        assertThat(priority).contains("\"from\":\"P0\"").doesNotContain("\"to\":\"P0\"");
        assertThat(lastPayload(kept)).contains("Undid macro " + macro + " v1 (application " + application + ")");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", String.class, kept))
                .contains("\"macroUndoes\":\"" + application + "\"");
        as("ana", Role.AGENT, "POST", "/api/macros/applications/no-such/undo", null, 404);
    }
}
