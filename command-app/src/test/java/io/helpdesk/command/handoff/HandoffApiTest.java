package io.helpdesk.command.handoff;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.command.CommandApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffApiTest extends CommandApiTest {

    private String request(String ticketId, String toAgent, String toTeam) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("ticketId", ticketId, "requesterKind", "BOT",
                                                                  "reason", "customer wants a human",
                                                                  "contextSummary", "refund for order 42"));
        if (toAgent != null) {
            body.put("toAgent", toAgent);
        }
        if (toTeam != null) {
            body.put("toTeam", toTeam);
        }
        Map<?, ?> created = post("/api/handoffs", "triage-bot", body)
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("handoffId");
    }

    @Test
    void accepting_a_handoff_reassigns_the_ticket_to_the_agent_who_took_it() {
        String ticket = openTicket(5);
        String handoff = request(ticket, null, "billing");
        http.post().uri("/api/handoffs/{id}/accept", handoff)
            .headers(TestTokens.as("agent-7", "billing", "vip"))
            .exchange()
            .expectStatus().isOk();
        assertThat(events(handoff)).containsExactly("HandoffRequested", "HandoffAccepted");
        assertThat(events(ticket)).containsExactly("TicketOpened", "TicketAssigned");
        assertThat(lastPayload(ticket)).contains("\"assignee\":\"agent-7\"").contains("\"team\":\"billing\"");

        post("/api/handoffs/" + handoff + "/complete", "agent-8", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("OnlyTheAcceptorCompletes");
        post("/api/handoffs/" + handoff + "/complete", "agent-7", null).expectStatus().isOk();
        // Completed: the ticket may be handed off again.
        request(ticket, "agent-9", null);
    }

    @Test
    void a_closed_ticket_is_not_handed_on() {
        String ticket = openTicket(5);
        post("/api/tickets/" + ticket + "/close", "agent-1", Map.of()).expectStatus().isOk();
        post("/api/handoffs", "agent-1", Map.of("ticketId", ticket, "requesterKind", "AGENT", "toTeam", "sales",
                                                "reason", "one more look"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("ClosedTicketIsFinal");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry "
                                               + "WHERE payload_type LIKE '%HandoffRequested' "
                                               + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class,
                                       "%\"ticketId\":\"" + ticket + "\"%")).isZero();
    }

    @Test
    void only_the_target_answers_and_a_ticket_has_one_open_handoff() {
        String ticket = openTicket(5);
        String handoff = request(ticket, "agent-2", null);
        post("/api/handoffs", "agent-4", Map.of("ticketId", ticket, "requesterKind", "AGENT", "toTeam", "sales",
                                                "reason", "second opinion"))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("OneOpenHandoffPerTicket");
        post("/api/handoffs/" + handoff + "/accept", "agent-3", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("OnlyTheTargetAnswers");
        post("/api/handoffs/" + handoff + "/decline", "agent-2", Map.of("reason", "on leave")).expectStatus().isOk();
        assertThat(events(ticket)).containsExactly("TicketOpened");
        // Declined: a new request is welcome.
        String next = request(ticket, null, "billing");
        post("/api/handoffs/" + next + "/cancel", "triage-bot", Map.of("reason", "customer left")).expectStatus().isOk();
        assertThat(events(next)).containsExactly("HandoffRequested", "HandoffCancelled");
    }

    @Test
    void of_concurrent_requests_for_one_ticket_exactly_one_is_accepted() throws Exception {
        String ticket = openTicket(5);
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<Integer>> calls = java.util.stream.IntStream.range(0, requests)
                    .<Callable<Integer>>mapToObj(i -> () -> post("/api/handoffs", "bot-" + i,
                            Map.of("ticketId", ticket, "requesterKind", "BOT", "toTeam", "team-" + i, "reason", "r"))
                            .expectBody(String.class).returnResult().getStatus().value())
                    .toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM command.open_handoff WHERE ticket_id = ?",
                                           Long.class, ticket)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_handoff_for_an_unknown_ticket_is_404_and_for_an_unknown_handoff_too() {
        post("/api/handoffs", "bot", Map.of("ticketId", "nope", "requesterKind", "BOT", "toTeam", "x", "reason", "r"))
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/handoffs/nope/accept", "agent-1", null).expectStatus().isNotFound();
        post("/api/handoffs", "bot", Map.of("ticketId", "t", "requesterKind", "ROBOT", "reason", "r"))
                .expectStatus().isBadRequest();
    }
}
