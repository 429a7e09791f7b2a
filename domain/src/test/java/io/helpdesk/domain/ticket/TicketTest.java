package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "ana@example.com", "Ana", ContactChannel.EMAIL, "Refund", "Where is my refund?", 7, Priority.P1);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    @Test
    void opening_a_ticket_buckets_its_importance_into_a_priority() {
        fixture.givenNoPriorActivity()
               .when(new OpenTicket(ID, "ana@example.com", "Ana", ContactChannel.EMAIL, "Refund",
                                    "Where is my refund?", 7))
               .expectSuccessfulHandlerExecution()
               .expectEvents(OPENED);
    }

    @Test
    void a_ticket_without_importance_is_p3() {
        fixture.givenNoPriorActivity()
               .when(new OpenTicket(ID, "bo@example.com", null, ContactChannel.CHAT, "Hi", "Hello", null))
               .expectEvents(new TicketOpened("t-1", "bo@example.com", null, ContactChannel.CHAT, "Hi", "Hello",
                                              null, Priority.P3));
    }

    @Test
    void assigning_records_the_previous_assignee() {
        fixture.given(OPENED, new TicketAssigned("t-1", "agent-1", null, null))
               .when(new AssignTicket(ID, "agent-2", "billing"))
               .expectEvents(new TicketAssigned("t-1", "agent-2", "billing", "agent-1"));
    }

    @Test
    void assigning_to_the_current_assignee_changes_nothing() {
        fixture.given(OPENED, new TicketAssigned("t-1", "agent-1", "billing", null))
               .when(new AssignTicket(ID, "agent-1", "billing"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void the_first_agent_reply_is_the_first_response() {
        fixture.given(OPENED)
               .when(new PostAgentReply(ID, "agent-1", "We are on it"))
               .expectEvents(new AgentReplied("t-1", "agent-1", "We are on it", true));
    }

    @Test
    void later_replies_are_not_the_first_response() {
        fixture.given(OPENED, new AgentReplied("t-1", "agent-1", "We are on it", true))
               .when(new PostAgentReply(ID, "agent-1", "Refund sent"))
               .expectEvents(new AgentReplied("t-1", "agent-1", "Refund sent", false));
    }

    @Test
    void closing_a_ticket() {
        fixture.given(OPENED)
               .when(new CloseTicket(ID, "agent-1"))
               .expectEvents(new TicketClosed("t-1", "agent-1"));
    }

    @Test
    void a_closed_ticket_takes_no_reply() {
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new PostAgentReply(ID, "agent-1", "One more thing"))
               .expectNoEvents()
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 is closed and cannot change");
    }

    @Test
    void a_closed_ticket_cannot_be_reassigned() {
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new AssignTicket(ID, "agent-2", null))
               .expectException(RuleViolation.class);
    }

    @Test
    void a_closed_ticket_cannot_be_closed_again() {
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new CloseTicket(ID, "agent-1"))
               .expectException(RuleViolation.class);
    }
}
