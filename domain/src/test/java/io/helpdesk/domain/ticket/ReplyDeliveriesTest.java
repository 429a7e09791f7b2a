package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What became of a reply is recorded once per fact, also on a closed ticket, and only for its own messages. */
class ReplyDeliveriesTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "+4915112345678", "Ana", ContactChannel.SMS, "Parcel", "Where is it?", 5, Priority.P2);
    private static final ReplyDispatched DISPATCHED = new ReplyDispatched(
            "t-1", "reply-1", ContactChannel.SMS, "twilio", "SM1", "agent-1");

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    @Test
    void a_reply_is_dispatched_once_even_on_a_closed_ticket() {
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new RecordReplyDispatched(ID, "reply-1", ContactChannel.SMS, "twilio", "SM1", "agent-1"))
               .expectEvents(DISPATCHED);
        fixture.given(OPENED, DISPATCHED)
               .when(new RecordReplyDispatched(ID, "reply-1", ContactChannel.SMS, "twilio", "SM1", "agent-1"))
               .expectNoEvents();
    }

    @Test
    void read_implies_delivered_and_neither_is_told_twice() {
        fixture.given(OPENED, DISPATCHED, new ReplyDelivered("t-1", "reply-1", "SM1", true))
               .when(new RecordReplyDelivery(ID, "SM1", RecordReplyDelivery.Status.DELIVERED, null))
               .expectNoEvents();
        fixture.given(OPENED, DISPATCHED, new ReplyDelivered("t-1", "reply-1", "SM1", false))
               .when(new RecordReplyDelivery(ID, "SM1", RecordReplyDelivery.Status.READ, null))
               .expectEvents(new ReplyDelivered("t-1", "reply-1", "SM1", true));
    }

    @Test
    void a_failure_report_names_the_reply_and_its_agent_once() {
        fixture.given(OPENED, DISPATCHED)
               .when(new RecordReplyDelivery(ID, "SM1", RecordReplyDelivery.Status.FAILED, "Twilio: undelivered"))
               .expectEvents(new ReplyDeliveryFailed("t-1", "reply-1", ContactChannel.SMS, "Twilio: undelivered",
                                                     "agent-1"));
        fixture.given(OPENED, DISPATCHED, new ReplyDeliveryFailed("t-1", "reply-1", ContactChannel.SMS, "x", "agent-1"))
               .when(new RecordReplyDelivery(ID, "SM1", RecordReplyDelivery.Status.FAILED, "again"))
               .expectNoEvents();
    }

    @Test
    void a_report_on_a_message_the_ticket_never_sent_is_refused() {
        fixture.given(OPENED, DISPATCHED)
               .when(new RecordReplyDelivery(ID, "SM-other", RecordReplyDelivery.Status.DELIVERED, null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 sent no message SM-other");
    }
}
