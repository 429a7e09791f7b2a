package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snooze ends at its time or when the customer writes, whichever is first; a scheduled reply is sent at its
 * time unless the customer wrote first or the ticket was closed.
 */
class TicketScheduleTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "ana@example.com", "Ana", ContactChannel.EMAIL, "Refund", "Where is it?", 5, Priority.P2);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    @Test
    void a_snoozed_ticket_comes_back_at_its_time() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .when(new SnoozeTicket(ID, IN_AN_HOUR, "bo"))
               .expectEvents(new TicketSnoozed("t-1", IN_AN_HOUR, "bo"))
               .expectScheduledDeadline(IN_AN_HOUR, new SnoozeEnds("t-1", IN_AN_HOUR));
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .andGivenCommands(new SnoozeTicket(ID, IN_AN_HOUR, "bo"))
               .whenTimeAdvancesTo(IN_AN_HOUR)
               .expectEvents(new TicketUnsnoozed("t-1", TicketUnsnoozed.Wake.TIME, "snooze"));
    }

    @Test
    void a_customer_message_ends_the_snooze_first_and_its_time_then_changes_nothing() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED, new TicketSnoozed("t-1", IN_AN_HOUR, "bo"))
               .when(new ReceiveCustomerMessage(ID, "m-1", "Any news?", null, null))
               .expectEvents(new CustomerMessageReceived("t-1", "m-1", "Any news?", null, null),
                             new TicketUnsnoozed("t-1", TicketUnsnoozed.Wake.CUSTOMER_MESSAGE, "customer"));
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .andGivenCommands(new SnoozeTicket(ID, IN_AN_HOUR, "bo"),
                                 new ReceiveCustomerMessage(ID, "m-1", "Any news?", null, null))
               .whenTimeAdvancesTo(IN_AN_HOUR.plusSeconds(1))
               .expectNoEvents();
    }

    @Test
    void a_snooze_or_a_scheduled_reply_in_the_past_or_past_a_year_is_refused() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .when(new SnoozeTicket(ID, NOW.minusSeconds(1), "bo"))
               .expectException(InvalidInput.class).expectExceptionMessage("until must be in the future");
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .when(new ScheduleReply(ID, "s-1", "bo", "Hi", NOW.plus(Duration.ofDays(400)), null))
               .expectException(InvalidInput.class).expectExceptionMessage("at must be at most 366 days ahead");
    }

    @Test
    void a_scheduled_reply_is_sent_as_the_agent_s_reply_at_its_time() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .andGivenCommands(new ScheduleReply(ID, "s-1", "bo", "We shipped it.", IN_AN_HOUR, null))
               .whenTimeAdvancesTo(IN_AN_HOUR)
               .expectEvents(new ScheduledReplySent("t-1", "s-1"),
                             new AgentReplied("t-1", "bo", "We shipped it.", true, List.of()));
    }

    @Test
    void the_customer_writing_first_cancels_the_scheduled_reply_and_its_time_sends_nothing() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED, new ReplyScheduled("t-1", "s-1", "bo", "Shipped", IN_AN_HOUR,
                                                                            null))
               .when(new ReceiveCustomerMessage(ID, "m-1", "Cancel my order", null, null))
               .expectEvents(new CustomerMessageReceived("t-1", "m-1", "Cancel my order", null, null),
                             new ScheduledReplyCancelled("t-1", "s-1", "bo", "the customer wrote first", "customer"));
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .andGivenCommands(new ScheduleReply(ID, "s-1", "bo", "Shipped", IN_AN_HOUR, null),
                                 new ReceiveCustomerMessage(ID, "m-1", "Cancel my order", null, null))
               .whenTimeAdvancesTo(IN_AN_HOUR.plusSeconds(1))
               .expectNoEvents();
    }

    @Test
    void closing_the_ticket_cancels_what_waits_and_only_a_pending_reply_can_be_cancelled() {
        fixture.givenCurrentTime(NOW)
               .andGiven(OPENED, new TicketSnoozed("t-1", null, "bo"),
                         new ReplyScheduled("t-1", "s-1", "bo", "Shipped", IN_AN_HOUR, null))
               .when(new CloseTicket(ID, "lead"))
               .expectEvents(new TicketUnsnoozed("t-1", TicketUnsnoozed.Wake.CLOSED, "lead"),
                             new ScheduledReplyCancelled("t-1", "s-1", "bo", "the ticket was closed", "lead"),
                             new TicketClosed("t-1", "lead"));
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
               .when(new CancelScheduledReply(ID, "s-9", "bo"))
               .expectException(RuleViolation.class);
    }
}
