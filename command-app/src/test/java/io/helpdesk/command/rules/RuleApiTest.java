package io.helpdesk.command.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.test.annotation.DirtiesContext;
import io.helpdesk.command.CommandApiTest;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rules over HTTP: managers write them, versioned; a trigger rule runs once per event when its conditions hold,
 * and every change it makes names it; loops stop; a time-based rule acts when a ticket stayed in a state long
 * enough, and not when it left the state; a dry run reports what a draft rule would have done and writes nothing.
 */
// P0's first response is due after 4 s here, so that it is at risk after 3 s (three quarters).
@TestPropertySource(properties = "helpdesk.sla.targets.P0.first-response=4s")
@DirtiesContext
class RuleApiTest extends CommandApiTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    private JsonNode as(String user, Role role, HttpMethod method, String uri, Object body, int status) {
        var request = http.method(method).uri(uri).headers(TestTokens.as(user, role))
                          .contentType(MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String rule(Map<String, Object> definition) {
        return as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules", definition, 201).path("ruleId").asText();
    }

    private void message(String ticket, String id, String body) {
        post("/api/tickets/" + ticket + "/messages", null, Map.of("externalMessageId", id, "body", body))
                .expectStatus().is2xxSuccessful();
    }

    private long count(String ticket, String type) {
        return events(ticket).stream().filter(type::equals).count();
    }

    /** Waits until the rules processor has handled every event written so far. */
    private void rulesCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry",
                                            Long.class);
            return processing.eventProcessor(RuleTriggers.GROUP, StreamingEventProcessor.class).orElseThrow()
                             .processingStatus().values().stream()
                             .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
        });
    }

    /** Rules act on every ticket: none a test wrote may run on the tickets of the next. */
    @AfterEach
    void disableEveryRule() {
        for (JsonNode rule : as("lead", Role.MANAGER, HttpMethod.GET, "/api/rules", null, 200)) {
            var definition = json.convertValue(rule, Map.class);
            definition.remove("ruleId");
            definition.remove("version");
            definition.put("enabled", false);
            as("lead", Role.MANAGER, HttpMethod.PUT, "/api/rules/" + rule.path("ruleId").asText(), definition, 200);
        }
    }

    @Test
    void managers_write_versioned_rules_staff_read_them_and_a_bad_one_is_refused_by_field() {
        Map<String, Object> tagVip = Map.of("name", "VIP", "triggers", List.of("TICKET_OPENED"),
                                            "conditions", List.of(Map.of("field", "CUSTOMER_DOMAIN",
                                                                         "operator", "IS", "value", "vip.example")),
                                            "actions", List.of(Map.of("type", "ADD_TAGS", "tags", List.of("vip"))));
        as("ana", Role.AGENT, HttpMethod.POST, "/api/rules", tagVip, 403);
        JsonNode created = as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules", tagVip, 201);
        String id = created.path("ruleId").asText();
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("enabled").asBoolean()).isTrue();
        Map<String, Object> disabled = new java.util.HashMap<>(tagVip);
        disabled.put("enabled", false);
        assertThat(as("lead", Role.MANAGER, HttpMethod.PUT, "/api/rules/" + id, disabled, 200).path("version").asInt())
                .isEqualTo(2);
        JsonNode read = as("ana", Role.AGENT, HttpMethod.GET, "/api/rules/" + id, null, 200);
        assertThat(read.path("enabled").asBoolean()).isFalse();
        assertThat(as("ana", Role.AGENT, HttpMethod.GET, "/api/rules", null, 200).findValuesAsText("ruleId"))
                .contains(id);
        as("ana", Role.AGENT, HttpMethod.GET, "/api/rules/nope", null, 404);

        Map<String, Object> both = new java.util.HashMap<>(tagVip);
        both.put("timer", Map.of("state", "PENDING", "after", "PT72H", "businessHours", true));
        assertThat(as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules", both, 400).toString())
                .contains("triggers");
        assertThat(as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules",
                      Map.of("name", "Bad", "triggers", List.of("TICKET_OPENED"),
                             "conditions", List.of(Map.of("field", "PRIORITY", "operator", "CONTAINS", "value", "P1")),
                             "actions", List.of(Map.of("type", "ADD_TAGS", "tags", List.of("x")))), 400).toString())
                .contains("\"field\":\"conditions[0].operator\"");
    }

    @Test
    void a_trigger_rule_runs_once_per_event_when_its_conditions_hold_and_its_changes_name_it() {
        String id = rule(Map.of("name", "Refunds", "triggers", List.of("CUSTOMER_MESSAGE"),
                                "conditions", List.of(Map.of("field", "TEXT", "operator", "CONTAINS",
                                                             "value", "refund")),
                                "actions", List.of(Map.of("type", "ADD_TAGS", "tags", List.of("refund")),
                                                   Map.of("type", "SET_PRIORITY", "value", "P1"),
                                                   Map.of("type", "NOTIFY", "value", "{{customer.name}} wants money back",
                                                          "to", List.of("billing-lead")))));
        String ticket = emailTicket("Order 17");
        message(ticket, "m-1", "Thanks, but I would like a REFUND please");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(ticket, "RuleFired") == 1);
        message(ticket, "m-2", "Any news?");
        rulesCaughtUp();
        assertThat(events(ticket)).containsSubsequence("CustomerMessageReceived", "RuleFired", "TicketTagged",
                                                       "TicketPriorityChanged", "InternalNoteAdded",
                                                       "CustomerMessageReceived");
        assertThat(count(ticket, "RuleFired")).isEqualTo(1);
        String tagged = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TicketTagged'""", String.class, ticket);
        assertThat(tagged).contains("\"ruleId\":\"" + id + "\"").contains("\"ruleVersion\":1")
                          .contains("\"user\":\"rule:" + id + "\"").contains("ruleTrigger");
        assertThat(stored(".InternalNoteAdded").stream().filter(e -> e.aggregateId().equals(ticket))
                                                .map(Stored::payload).toList())
                .singleElement().asString().contains("@billing-lead Ana wants money back");
    }

    @Test
    void a_rule_on_a_custom_field_runs_when_the_field_has_the_value_and_a_condition_on_an_unknown_field_is_refused() {
        as("root", Role.ADMIN, HttpMethod.POST, "/api/admin/fields",
           Map.of("key", "plan", "entity", "TICKET", "label", "Plan", "type", "SELECT",
                  "options", List.of(Map.of("id", "gold", "label", "Gold"), Map.of("id", "free", "label", "Free"))), 201);
        as("root", Role.ADMIN, HttpMethod.POST, "/api/admin/fields",
           Map.of("key", "seats", "entity", "TICKET", "label", "Seats", "type", "NUMBER"), 201);
        as("root", Role.ADMIN, HttpMethod.POST, "/api/admin/fields",
           Map.of("key", "vat", "entity", "CONTACT", "label", "VAT id", "type", "TEXT"), 201);
        Map<String, Object> gold = Map.of("field", "FIELD", "key", "plan", "operator", "IS", "value", "gold");
        String goldRule = rule(Map.of("name", "Gold plans first", "triggers", List.of("FIELDS_CHANGED"),
                                      "conditions", List.of(gold, Map.of("field", "FIELD", "key", "seats",
                                                                         "operator", "IS", "value", "10.0")),
                                      "actions", List.of(Map.of("type", "SET_PRIORITY", "value", "P1"))));
        rule(Map.of("name", "Plan missing", "triggers", List.of("CUSTOMER_MESSAGE"),
                    "conditions", List.of(Map.of("field", "FIELD", "key", "plan", "operator", "IS")),
                    "actions", List.of(Map.of("type", "ADD_TAGS", "tags", List.of("no-plan")))));

        String goldTicket = emailTicket("Gold customer");
        String freeTicket = emailTicket("Free customer");
        as("ana", Role.AGENT, HttpMethod.PUT, "/api/tickets/" + goldTicket + "/fields",
           Map.of("plan", "gold", "seats", 10), 200);
        as("ana", Role.AGENT, HttpMethod.PUT, "/api/tickets/" + freeTicket + "/fields",
           Map.of("plan", "free", "seats", 10), 200);
        message(goldTicket, "m-gold", "Hello");
        String bare = emailTicket("No plan yet");
        message(bare, "m-bare", "Hello");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(bare, "TicketTagged") == 1);
        rulesCaughtUp();
        assertThat(count(goldTicket, "TicketPriorityChanged")).isEqualTo(1);
        assertThat(events(goldTicket)).containsSubsequence("TicketFieldsSet", "RuleFired", "TicketPriorityChanged");
        assertThat(count(freeTicket, "RuleFired")).isZero();
        assertThat(count(goldTicket, "TicketTagged")).isZero();

        // The dry run folds the fields from history as the ticket does.
        JsonNode dry = as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules/dry-run",
                          Map.of("rule", Map.of("name", "Gold", "triggers", List.of("CUSTOMER_MESSAGE"),
                                                "conditions", List.of(gold),
                                                "actions", List.of(Map.of("type", "ADD_NOTE", "value", "gold"))),
                                 "from", Instant.now().minusSeconds(120).toString(),
                                 "to", Instant.now().plusSeconds(5).toString()), 200);
        assertThat(dry.path("listed").findValuesAsText("ticketId")).containsExactly(goldTicket);

        JsonNode view = as("ana", Role.AGENT, HttpMethod.GET, "/api/rules/" + goldRule, null, 200);
        assertThat(view.path("conditions").get(0).path("key").asText()).isEqualTo("plan");
        for (var bad : List.of(Map.of(Map.of("field", "FIELD", "key", "nope", "operator", "IS", "value", "x"),
                                      "conditions[0].key"),
                               Map.of(Map.of("field", "FIELD", "key", "vat", "operator", "IS", "value", "x"),
                                      "conditions[0].key"),
                               Map.of(Map.of("field", "FIELD", "key", "plan", "operator", "IS", "value", "silver"),
                                      "conditions[0].value"),
                               Map.of(Map.of("field", "FIELD", "key", "seats", "operator", "IS", "value", "ten"),
                                      "conditions[0].value"),
                               Map.of(Map.of("field", "FIELD", "operator", "IS", "value", "x"),
                                      "conditions[0].key"),
                               Map.of(Map.of("field", "TAG", "key", "plan", "operator", "IS", "value", "x"),
                                      "conditions[0].key"))) {
            var entry = bad.entrySet().iterator().next();
            JsonNode problem = as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules",
                                  Map.of("name", "Bad", "triggers", List.of("CUSTOMER_MESSAGE"),
                                         "conditions", List.of(entry.getKey()),
                                         "actions", List.of(Map.of("type", "ADD_NOTE", "value", "x"))), 400);
            assertThat(problem.toString()).as(entry.getKey().toString())
                                          .contains("\"field\":\"" + entry.getValue() + "\"");
        }
    }

    @Test
    void a_rule_never_runs_on_its_own_changes_and_a_chain_of_rules_stops_at_the_configured_depth() {
        String ticket = emailTicket("Loops");
        rule(Map.of("name", "Echo", "triggers", List.of("NOTE_ADDED"),
                    "conditions", List.of(Map.of("field", "TEXT", "operator", "CONTAINS", "value", "echo")),
                    "actions", List.of(Map.of("type", "ADD_NOTE", "value", "echo heard"))));
        rule(Map.of("name", "Down", "position", 1, "triggers", List.of("PRIORITY_CHANGED"),
                    "conditions", List.of(Map.of("field", "PRIORITY", "operator", "IS", "value", "P1")),
                    "actions", List.of(Map.of("type", "SET_PRIORITY", "value", "P2"))));
        rule(Map.of("name", "Up", "position", 2, "triggers", List.of("PRIORITY_CHANGED"),
                    "conditions", List.of(Map.of("field", "PRIORITY", "operator", "IS", "value", "P2")),
                    "actions", List.of(Map.of("type", "SET_PRIORITY", "value", "P1"))));
        post("/api/tickets/" + ticket + "/notes", "bo", Map.of("body", "echo?")).expectStatus().is2xxSuccessful();
        call(HttpMethod.PUT, "/api/tickets/" + ticket + "/priority", "bo", Map.of("priority", "P1", "reason", "vip"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).alias("priority changes of " + ticket)
               .until(() -> events(ticket), changes -> changes.stream().filter("TicketPriorityChanged"::equals).count() == 5);
        rulesCaughtUp();
        // The note's echo does not echo itself. Rules run in order on the ticket as the rule before left it: on the
        // manual change Down (P1 to P2), then Up (P2 to P1); on Up's change Down again (depth 2); on that, Up
        // (depth 3), whose change ends the chain. Down's first change finds the ticket at P1 already: Up passes.
        assertThat(count(ticket, "InternalNoteAdded")).isEqualTo(2);
        assertThat(count(ticket, "TicketPriorityChanged")).isEqualTo(5);
        assertThat(count(ticket, "RuleFired")).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.dead_letter_entry", Long.class)).isZero();
    }

    @Test
    void a_time_based_rule_acts_once_a_ticket_stayed_in_the_state_long_enough_and_not_when_it_left_it() {
        rule(Map.of("name", "Nudge pending", "timer", Map.of("state", "PENDING", "after", "PT2S",
                                                              "businessHours", false),
                    "actions", List.of(Map.of("type", "ADD_NOTE", "value", "No answer from {{customer.name}}: closing"),
                                       Map.of("type", "SET_STATUS", "value", "RESOLVED"))));
        String answered = emailTicket("Answered in time");
        String silent = emailTicket("Never answered");
        post("/api/tickets/" + answered + "/pending", "bo", Map.of("reason", "asked")).expectStatus().is2xxSuccessful();
        message(answered, "m-1", "Here is the order number");
        post("/api/tickets/" + silent + "/pending", "bo", Map.of("reason", "asked")).expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(silent, "TicketResolved") == 1);
        assertThat(events(silent)).containsSubsequence("TicketMarkedPending", "AutomationTimerElapsed", "RuleFired",
                                                       "InternalNoteAdded", "TicketResolved");
        rulesCaughtUp();
        assertThat(count(answered, "AutomationTimerElapsed")).isZero();
        assertThat(count(answered, "TicketResolved")).isZero();
    }

    @Test
    void a_rule_waiting_for_sla_at_risk_acts_when_a_running_clock_has_used_three_quarters_of_its_target() {
        rule(Map.of("name", "P0 at risk", "triggers", List.of("SLA_AT_RISK"),
                    "conditions", List.of(Map.of("field", "PRIORITY", "operator", "IS", "value", "P0")),
                    "actions", List.of(Map.of("type", "ADD_TAGS", "tags", List.of("at-risk")),
                                       Map.of("type", "NOTIFY", "value", "{{ticket.subject}} is at risk",
                                              "team", "leads"))));
        String urgent = post("/api/tickets", null, Map.of("customerEmail", "vip@example.com", "channel", "PHONE",
                                                          "subject", "Outage", "body", "Everything is down",
                                                          "importance", 10))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("ticketId").asText();
        String answered = post("/api/tickets", null, Map.of("customerEmail", "vip@example.com", "channel", "PHONE",
                                                            "subject", "Answered outage", "body", "Down",
                                                            "importance", 10))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("ticketId").asText();
        post("/api/tickets/" + answered + "/replies", "bo", Map.of("body", "Looking into it"))
                .expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(urgent, "TicketTagged") == 1);
        assertThat(events(urgent)).containsSubsequence("TicketOpened", "SlaAtRisk", "RuleFired", "TicketTagged",
                                                       "InternalNoteAdded");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(urgent, "SlaBreached") == 1);
        rulesCaughtUp();
        assertThat(count(answered, "SlaAtRisk")).isZero();
        assertThat(count(urgent, "RuleFired")).isEqualTo(1);
    }

    @Test
    void a_dry_run_reports_what_a_draft_rule_would_have_done_and_writes_nothing() {
        Instant from = Instant.now().minusSeconds(5);
        String refund = emailTicket("Refund please");
        String other = emailTicket("Question");
        message(refund, "m-1", "I want a refund");
        message(other, "m-2", "How do I log in?");
        Long before = jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry", Long.class);
        Map<String, Object> draft = Map.of("name", "Refunds", "triggers", List.of("CUSTOMER_MESSAGE"),
                                           "conditions", List.of(Map.of("field", "TEXT", "operator", "CONTAINS",
                                                                        "value", "refund")),
                                           "actions", List.of(Map.of("type", "ADD_NOTE",
                                                                     "value", "Refund for {{customer.name}}")));
        as("ana", Role.AGENT, HttpMethod.POST, "/api/rules/dry-run",
           Map.of("rule", draft, "from", from.toString(), "to", Instant.now().plusSeconds(5).toString()), 403);
        JsonNode result = as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules/dry-run",
                             Map.of("rule", draft, "from", from.toString(),
                                    "to", Instant.now().plusSeconds(5).toString()), 200);
        assertThat(result.path("firings").asInt()).isEqualTo(1);
        assertThat(result.path("ticketsTouched").asInt()).isEqualTo(1);
        assertThat(result.path("eventsRead").asLong()).isGreaterThanOrEqualTo(4);
        JsonNode firing = result.path("listed").get(0);
        assertThat(firing.path("ticketId").asText()).isEqualTo(refund);
        assertThat(firing.path("trigger").asText()).isEqualTo("CUSTOMER_MESSAGE");
        assertThat(firing.path("actions").get(0).asText()).isEqualTo("ADD_NOTE: Refund for Ana");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry", Long.class))
                .isEqualTo(before);

        // A time-based draft: both tickets have stayed OPEN for a second within the period.
        JsonNode timed = as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules/dry-run",
                            Map.of("rule", Map.of("name", "Stale", "timer", Map.of("state", "OPEN", "after", "PT1S",
                                                                                    "businessHours", false),
                                                  "actions", List.of(Map.of("type", "SET_PRIORITY", "value", "P1"))),
                                   "from", from.toString(), "to", Instant.now().plusSeconds(60).toString()), 200);
        assertThat(timed.path("listed").findValuesAsText("ticketId")).contains(refund, other);
        assertThat(timed.path("listed").findValuesAsText("trigger")).containsOnly("AUTOMATION_TIMER");

        as("lead", Role.MANAGER, HttpMethod.POST, "/api/rules/dry-run",
           Map.of("rule", draft, "from", "2020-01-01T00:00:00Z", "to", "2024-01-01T00:00:00Z"), 400);
    }
}
