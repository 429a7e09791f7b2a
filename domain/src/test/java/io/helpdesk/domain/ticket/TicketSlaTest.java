package io.helpdesk.domain.ticket;

import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaTarget;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** P0 tickets run on a 24/7 calendar: first response 15 min, next response 30 min, resolution 4 h. */
class TicketSlaTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED_P0 = new TicketOpened(
            "t-1", "ana@example.com", "Ana", ContactChannel.CHAT, "Site down", "Nothing loads", 10, Priority.P0);

    private AggregateTestFixture<Ticket> fixture;

    private static Matcher<DeadlineMessage<?>> deadline(SlaTarget target) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DeadlineMessage<?> message) {
                return message.getPayload() instanceof SlaDeadlinePassed passed && passed.target() == target;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("SLA deadline for " + target);
            }
        };
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    @Test
    void opening_schedules_the_first_response_and_resolution_deadlines() {
        fixture.givenNoPriorActivity()
               .when(new OpenTicket(ID, "ana@example.com", "Ana", ContactChannel.CHAT, "Site down", "Nothing loads",
                                    10))
               .expectScheduledDeadlineMatching(Duration.ofMinutes(15), deadline(SlaTarget.FIRST_RESPONSE))
               .expectScheduledDeadlineMatching(Duration.ofHours(4), deadline(SlaTarget.RESOLUTION));
    }

    @Test
    void an_unanswered_ticket_records_a_breach_when_its_first_response_deadline_passes() {
        Instant openedAt = fixture.currentTime();
        fixture.givenCommands(new OpenTicket(ID, "ana@example.com", "Ana", ContactChannel.CHAT, "Site down",
                                             "Nothing loads", 10))
               .whenTimeElapses(Duration.ofMinutes(16))
               .expectEvents(new SlaBreached("t-1", SlaTarget.FIRST_RESPONSE, openedAt.plus(Duration.ofMinutes(15)),
                                             Priority.P0));
    }

    @Test
    void a_reply_in_time_stops_the_first_response_clock_and_schedules_nothing_whose_due_time_stayed() {
        // The resolution deadline scheduled when the ticket opened still stands: its due time did not move.
        fixture.given(OPENED_P0)
               .when(new PostAgentReply(ID, "agent-1", "Looking into it"))
               .expectNoScheduledDeadlines();
    }

    @Test
    void waiting_on_the_customer_pauses_every_clock() {
        fixture.given(OPENED_P0)
               .when(new MarkPending(ID, "asked for a screenshot", "agent-1"))
               .expectNoScheduledDeadlines();
    }

    @Test
    void after_a_pause_the_clock_continues_with_the_time_that_was_left() {
        Instant openedAt = fixture.currentTime();
        // Ten minutes pass, then 2 hours pending: five minutes of the first-response target remain.
        fixture.givenCurrentTime(openedAt)
               .andGiven(OPENED_P0)
               .andGivenCurrentTime(openedAt.plus(Duration.ofMinutes(10)))
               .andGiven(new TicketMarkedPending("t-1", null, "agent-1"))
               .andGivenCurrentTime(openedAt.plus(Duration.ofMinutes(130)))
               .when(new ReturnToOpen(ID, null, "agent-1"))
               .expectScheduledDeadlineMatching(Duration.ofMinutes(5), deadline(SlaTarget.FIRST_RESPONSE));
    }

    @Test
    void a_customer_message_after_a_reply_starts_the_next_response_clock() {
        fixture.given(OPENED_P0, new AgentReplied("t-1", "agent-1", "Looking", true))
               .when(new ReceiveCustomerMessage(ID, "m-2", "Still down"))
               .expectScheduledDeadlineMatching(Duration.ofMinutes(30), deadline(SlaTarget.NEXT_RESPONSE));
    }

    @Test
    void resolving_stops_every_clock() {
        fixture.given(OPENED_P0)
               .when(new ResolveTicket(ID, "restarted the server", "agent-1"))
               .expectNoScheduledDeadlines();
    }
}
