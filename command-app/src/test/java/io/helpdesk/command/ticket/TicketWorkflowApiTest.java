package io.helpdesk.command.ticket;

import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TicketWorkflowApiTest extends CommandApiTest {

    @Test
    void the_same_customer_message_twice_is_stored_once_and_answered_alike() {
        String id = openTicket(5);
        Map<String, String> message = Map.of("externalMessageId", "wa-123", "body", "Any news?");
        String first = post("/api/tickets/" + id + "/messages", null, message)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String second = post("/api/tickets/" + id + "/messages", null, message)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(second).isEqualTo(first);
        assertThat(events(id)).containsExactly("TicketOpened", "CustomerMessageReceived");
    }

    @Test
    void a_note_records_its_author_from_the_token_and_its_mentions() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/notes", "agent-1", Map.of("body", "@bo please check, @carla too"))
                .expectStatus().isCreated();
        assertThat(lastPayload(id)).contains("\"author\":\"agent-1\"").contains("\"mentions\":[\"bo\",\"carla\"]");
        String metaData = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                                                      + "WHERE aggregate_identifier = ? AND sequence_number = 1",
                                              String.class, id);
        assertThat(metaData).contains("\"user\":\"agent-1\"");
    }

    @Test
    void the_author_is_the_token_holder_whatever_the_body_says() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/notes", "agent-1", Map.of("body", "checked", "author", "mallory",
                                                                 "user", "mallory"))
                .expectStatus().isCreated();
        assertThat(lastPayload(id)).contains("\"author\":\"agent-1\"").doesNotContain("mallory");
        assertThat(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM eventstore.domain_event_entry "
                                               + "WHERE aggregate_identifier = ? AND sequence_number = 1",
                                       String.class, id)).contains("\"user\":\"agent-1\"");
    }

    @Test
    void without_a_token_nothing_is_written() {
        String id = openTicket(5);
        http.post().uri("/api/tickets/" + id + "/notes").headers(headers -> headers.setBearerAuth("not-a-jwt"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("body", "who am I"))
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(events(id)).containsExactly("TicketOpened");
    }

    @Test
    void triage_unassign_priority_category_tags_and_escalation() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/assignment", null, Map.of("assignee", "agent-1", "team", "billing"))
                .expectStatus().isOk();
        call(HttpMethod.DELETE, "/api/tickets/" + id + "/assignment", "lead-1", null).expectStatus().isOk();
        call(HttpMethod.PUT, "/api/tickets/" + id + "/priority", "lead-1",
             Map.of("priority", "P0", "reason", "VIP")).expectStatus().isOk();
        call(HttpMethod.PUT, "/api/tickets/" + id + "/category", "lead-1", Map.of("category", "billing"))
                .expectStatus().isOk();
        post("/api/tickets/" + id + "/tags", "lead-1", Map.of("tags", List.of("refund", "VIP")))
                .expectStatus().isOk();
        call(HttpMethod.DELETE, "/api/tickets/" + id + "/tags/vip", "lead-1", null).expectStatus().isOk();
        post("/api/tickets/" + id + "/escalations", "lead-1",
             Map.of("level", 2, "reason", "needs engineering", "targetTeam", "tier-2")).expectStatus().isOk();
        post("/api/tickets/" + id + "/escalations", "lead-1",
             Map.of("level", 1, "reason", "down again", "targetTeam", "tier-1"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("EscalationOnlyUpwards");
        post("/api/tickets/" + id + "/escalations", "lead-1", Map.of("level", 7, "reason", "x", "targetTeam", "y"))
                .expectStatus().isBadRequest();
        assertThat(events(id)).containsExactly("TicketOpened", "TicketAssigned", "TicketUnassigned",
                                               "TicketPriorityChanged", "TicketCategorized", "TicketTagged",
                                               "TicketUntagged", "TicketEscalated");
    }

    @Test
    void status_life_cycle_and_satisfaction() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/csat", null, Map.of("score", 5))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("CsatOnlyAfterResolution");
        post("/api/tickets/" + id + "/pending", "agent-1", Map.of("reason", "asked for the order number"))
                .expectStatus().isOk();
        post("/api/tickets/" + id + "/on-hold", "agent-1", Map.of("reason", "waiting for the warehouse"))
                .expectStatus().isOk();
        post("/api/tickets/" + id + "/open", "agent-1", null).expectStatus().isOk();
        post("/api/tickets/" + id + "/open", "agent-1", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("StatusLifeCycle");
        post("/api/tickets/" + id + "/resolve", "agent-1", Map.of("resolution", "refunded")).expectStatus().isOk();
        post("/api/tickets/" + id + "/csat", null, Map.of("score", 4, "comment", "fast")).expectStatus().isCreated();
        post("/api/tickets/" + id + "/csat", null, Map.of("score", 1))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("CsatOnlyOnce");
        post("/api/tickets/" + id + "/csat", null, Map.of("score", 6)).expectStatus().isBadRequest();
        post("/api/tickets/" + id + "/reopen", "agent-1", Map.of("reason", "not refunded after all"))
                .expectStatus().isOk();
        assertThat(events(id)).containsExactly("TicketOpened", "TicketMarkedPending", "TicketPutOnHold",
                                               "TicketReturnedToOpen", "TicketResolved", "SatisfactionRated",
                                               "TicketReopened");
    }

    @Test
    void bot_drafts_are_edited_by_agents_kept_from_the_bot_and_sent_as_replies() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/draft/send", "agent-1", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("NoActiveDraft");
        post("/api/tickets/" + id + "/draft", "reply-bot", Map.of("body", "Hello, your refund is on its way."))
                .expectStatus().isOk();
        call(HttpMethod.PUT, "/api/tickets/" + id + "/draft", "agent-1",
             Map.of("body", "Hello Ana, your refund left today.")).expectStatus().isOk();
        post("/api/tickets/" + id + "/draft", "reply-bot", Map.of("body", "Second thoughts from the bot"))
                .expectStatus().isOk();
        assertThat(lastPayload(id)).contains("Suggested reply").contains("Second thoughts from the bot");
        post("/api/tickets/" + id + "/draft/send", "agent-1", null).expectStatus().isCreated();
        assertThat(lastPayload(id)).contains("\"body\":\"Hello Ana, your refund left today.\"")
                                   .contains("\"firstResponse\":true");
        call(HttpMethod.DELETE, "/api/tickets/" + id + "/draft", "agent-1", null).expectStatus().isEqualTo(409);
        assertThat(events(id)).containsExactly("TicketOpened", "DraftProposed", "DraftEdited", "InternalNoteAdded",
                                               "DraftSent", "AgentReplied");
    }

    @Test
    void a_follow_up_is_refused_until_the_customer_has_been_silent_long_enough() {
        String id = openTicket(5);
        post("/api/tickets/" + id + "/follow-up-draft", "follow-up-bot", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("FollowUpOnlyWhenWaitingOnCustomer");
        post("/api/tickets/" + id + "/pending", "agent-1", null).expectStatus().isOk();
        post("/api/tickets/" + id + "/follow-up-draft", "follow-up-bot", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("FollowUpOnlyAfterWaiting");
    }
}
