package io.helpdesk.command.sla;

import io.helpdesk.command.CommandApiTest;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deadlines fire through the persistent scheduler: SLA breaches, handoff expiry, follow-up eligibility. */
@TestPropertySource(properties = {
        "helpdesk.sla.targets.P0.first-response=2s",
        "helpdesk.handoff.accept-timeout=2s",
        "helpdesk.follow-up.after=1s"})
@DirtiesContext
class TimersApiTest extends CommandApiTest {

    @Test
    void an_unanswered_p0_ticket_records_a_first_response_breach() {
        String ticket = openTicket(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(ticket).contains("SlaBreached"));
        assertThat(lastPayload(ticket)).contains("\"target\":\"FIRST_RESPONSE\"").contains("\"priority\":\"P0\"");
        assertThat(events(ticket)).containsExactly("TicketOpened", "SlaBreached");
    }

    @Test
    void an_unanswered_handoff_expires_and_frees_the_ticket_for_another() {
        String ticket = openTicket(5);
        post("/api/handoffs", "bot", Map.of("ticketId", ticket, "requesterKind", "BOT", "toTeam", "billing",
                                            "reason", "human please"))
                .expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM eventstore.domain_event_entry WHERE payload_type LIKE '%HandoffExpired' "
                        + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%" + ticket + "%") == 1);
        post("/api/handoffs", "bot", Map.of("ticketId", ticket, "requesterKind", "BOT", "toTeam", "billing",
                                            "reason", "human please, again"))
                .expectStatus().isCreated();
    }

    @Test
    void a_follow_up_is_drafted_once_the_customer_has_been_silent_long_enough() {
        String ticket = openTicket(5);
        post("/api/tickets/" + ticket + "/pending", "agent-1", null).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
               .until(() -> post("/api/tickets/" + ticket + "/follow-up-draft", "follow-up-bot", null)
                       .expectBody(String.class).returnResult().getStatus().value() == 200);
        assertThat(lastPayload(ticket)).contains("\"kind\":\"FOLLOW_UP\"");
    }
}
