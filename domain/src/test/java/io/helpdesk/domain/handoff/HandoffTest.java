package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class HandoffTest {

    private static final HandoffId ID = new HandoffId("h-1");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, String> openByTicket = new java.util.HashMap<>();
    private final java.util.Set<String> closedTickets = new java.util.HashSet<>();
    private AggregateTestFixture<Handoff> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Handoff.class);
        fixture.registerInjectableResource((OpenHandoffs) ticketId -> Optional.ofNullable(openByTicket.get(ticketId)));
        fixture.registerInjectableResource(new HandoffPolicy(TIMEOUT));
        fixture.registerInjectableResource((ClosedTickets) closedTickets::contains);
        now = fixture.currentTime();
    }

    private HandoffRequested requested(String toAgent, String toTeam) {
        return new HandoffRequested("h-1", "t-1", "bot", RequesterKind.BOT, toAgent, toTeam, "customer asks for a human",
                                    "wants a refund", now.plus(TIMEOUT));
    }

    @Test
    void a_request_expires_after_the_timeout_unless_answered() {
        fixture.givenNoPriorActivity()
               .when(new RequestHandoff(ID, "t-1", "bot", RequesterKind.BOT, null, "billing",
                                        "customer asks for a human", "wants a refund"))
               .expectEvents(requested(null, "billing"))
               .expectScheduledDeadline(TIMEOUT, new HandoffExpiryDue("h-1"));
        fixture.given(requested(null, "billing"))
               .whenTimeElapses(TIMEOUT.plusSeconds(1))
               .expectEvents(new HandoffExpired("h-1", "t-1"));
    }

    @Test
    void a_ticket_has_at_most_one_open_handoff() {
        openByTicket.put("t-1", "h-0");
        fixture.givenNoPriorActivity()
               .when(new RequestHandoff(ID, "t-1", "agent-9", RequesterKind.AGENT, "agent-2", null, "shift ends", null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 already has open handoff h-0");
    }

    @Test
    void a_closed_ticket_is_not_handed_on() {
        closedTickets.add("t-1");
        fixture.givenNoPriorActivity()
               .when(new RequestHandoff(ID, "t-1", "agent-9", RequesterKind.AGENT, "agent-2", null, "shift ends", null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 is closed and cannot change")
               .expectNoScheduledDeadlines();
    }

    @Test
    void a_team_member_accepts_a_handoff_to_the_team() {
        fixture.given(requested(null, "billing"))
               .when(new AcceptHandoff(ID, "agent-2", List.of("billing", "vip")))
               .expectEvents(new HandoffAccepted("h-1", "t-1", "agent-2", "billing"))
               .expectNoScheduledDeadlines();
    }

    @Test
    void only_the_target_may_answer() {
        fixture.given(requested("agent-2", null))
               .when(new AcceptHandoff(ID, "agent-3", List.of("billing")))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("handoff h-1 is addressed to agent agent-2, not to agent-3");
        fixture.given(requested(null, "billing"))
               .when(new DeclineHandoff(ID, "agent-3", List.of("sales"), "not mine"))
               .expectException(RuleViolation.class);
        fixture.given(requested("agent-2", null))
               .when(new DeclineHandoff(ID, "agent-2", List.of(), "busy"))
               .expectEvents(new HandoffDeclined("h-1", "t-1", "agent-2", "busy"));
    }

    @Test
    void cancel_and_complete_follow_the_life_cycle() {
        fixture.given(requested("agent-2", null))
               .when(new CancelHandoff(ID, "bot", "customer left"))
               .expectEvents(new HandoffCancelled("h-1", "t-1", "bot", "customer left"));
        fixture.given(requested("agent-2", null))
               .when(new CompleteHandoff(ID, "agent-2"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("handoff h-1 is REQUESTED, not ACCEPTED");
        fixture.given(requested("agent-2", null), new HandoffAccepted("h-1", "t-1", "agent-2", null))
               .when(new CompleteHandoff(ID, "agent-2"))
               .expectEvents(new HandoffCompleted("h-1", "t-1", "agent-2"));
        fixture.given(requested("agent-2", null), new HandoffAccepted("h-1", "t-1", "agent-2", null))
               .when(new CompleteHandoff(ID, "agent-5"))
               .expectException(RuleViolation.class);
        fixture.given(requested("agent-2", null), new HandoffExpired("h-1", "t-1"))
               .when(new AcceptHandoff(ID, "agent-2", List.of()))
               .expectException(RuleViolation.class);
    }

    @Test
    void a_handoff_names_an_agent_or_a_team() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new RequestHandoff(ID, "t-1", "bot", RequesterKind.BOT, null, " ", "why", null))
                .hasMessage("toAgent or toTeam is required: a handoff goes to an agent or a team");
    }
}
