package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.helpdesk.domain.ticket.PayloadMatcher.onlyEvent;

class TicketLifeCycleTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "ana@example.com", "Ana", ContactChannel.EMAIL, "Refund", "Where is my refund?", 5, Priority.P2);
    private static final AgentReplied REPLIED = new AgentReplied("t-1", "agent-1", "On it", true);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    @Test
    void a_customer_message_is_recorded_once_per_external_id() {
        fixture.given(OPENED, new CustomerMessageReceived("t-1", "msg-1", "Any news?"))
               .when(new ReceiveCustomerMessage(ID, "msg-1", "Any news?"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(false)
               .expectNoEvents();
    }

    @Test
    void a_customer_message_reopens_a_resolved_ticket() {
        fixture.given(OPENED, new TicketResolved("t-1", "refunded", "agent-1"))
               .when(new ReceiveCustomerMessage(ID, "msg-2", "It did not arrive"))
               .expectResultMessagePayload(true)
               .expectEvents(new CustomerMessageReceived("t-1", "msg-2", "It did not arrive"),
                             new TicketReopened("t-1", "customer replied", "customer"));
    }

    @Test
    void a_customer_message_brings_a_pending_ticket_back_to_open() {
        fixture.given(OPENED, new TicketMarkedPending("t-1", "asked for order number", "agent-1"))
               .when(new ReceiveCustomerMessage(ID, "msg-3", "It is 42"))
               .expectEvents(new CustomerMessageReceived("t-1", "msg-3", "It is 42"),
                             new TicketReturnedToOpen("t-1", "customer replied", "customer"));
    }

    @Test
    void an_internal_note_records_its_mentions() {
        fixture.given(OPENED)
               .when(new AddInternalNote(ID, "agent-1", "@Bo can you check? cc @carla.m, not bo@example.com"))
               .expectEventsMatching(onlyEvent(InternalNoteAdded.class,
                                               note -> note.mentions().equals(List.of("bo", "carla.m"))));
    }

    @Test
    void unassigning_clears_agent_and_team_and_is_a_no_op_when_unassigned() {
        fixture.given(OPENED, new TicketAssigned("t-1", "agent-1", "billing", null))
               .when(new UnassignTicket(ID, "lead-1"))
               .expectEvents(new TicketUnassigned("t-1", "agent-1", "billing", "lead-1"));
        fixture.given(OPENED)
               .when(new UnassignTicket(ID, "lead-1"))
               .expectNoEvents();
    }

    @Test
    void changing_priority_records_old_new_and_reason() {
        fixture.given(OPENED)
               .when(new ChangePriority(ID, Priority.P0, "VIP customer", "lead-1"))
               .expectEvents(new TicketPriorityChanged("t-1", Priority.P2, Priority.P0, "VIP customer", "lead-1"));
    }

    @Test
    void category_and_tags() {
        fixture.given(OPENED)
               .when(new SetCategory(ID, "billing", "agent-1"))
               .expectEvents(new TicketCategorized("t-1", "billing", "agent-1"));
        fixture.given(OPENED, new TicketTagged("t-1", List.of("refund")))
               .when(new AddTags(ID, List.of("Refund", "urgent", "urgent")))
               .expectEvents(new TicketTagged("t-1", List.of("urgent")));
        fixture.given(OPENED, new TicketTagged("t-1", List.of("refund")))
               .when(new RemoveTags(ID, List.of("refund", "never-there")))
               .expectEvents(new TicketUntagged("t-1", List.of("refund")));
    }

    @Test
    void escalation_only_goes_up() {
        fixture.given(OPENED)
               .when(new EscalateTicket(ID, 2, "needs engineering", "tier-2", "agent-1"))
               .expectEvents(new TicketEscalated("t-1", 2, "needs engineering", "tier-2", "agent-1"));
        fixture.given(OPENED, new TicketEscalated("t-1", 2, "needs engineering", "tier-2", "agent-1"))
               .when(new EscalateTicket(ID, 1, "back down", "tier-1", "agent-1"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 is already at escalation level 2");
    }

    @Test
    void status_follows_the_life_cycle() {
        fixture.given(OPENED)
               .when(new PutOnHold(ID, "waiting for the warehouse", "agent-1"))
               .expectEvents(new TicketPutOnHold("t-1", "waiting for the warehouse", "agent-1"));
        fixture.given(OPENED, new TicketPutOnHold("t-1", "warehouse", "agent-1"))
               .when(new ReturnToOpen(ID, null, "agent-1"))
               .expectEvents(new TicketReturnedToOpen("t-1", null, "agent-1"));
        fixture.given(OPENED)
               .when(new ReturnToOpen(ID, null, "agent-1"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 cannot go from OPEN to OPEN");
        fixture.given(OPENED)
               .when(new ReopenTicket(ID, "again", "agent-1"))
               .expectExceptionMessage("ticket t-1 is OPEN, not resolved");
        fixture.given(OPENED, new TicketResolved("t-1", "done", "agent-1"))
               .when(new ReopenTicket(ID, "not done", "agent-1"))
               .expectEvents(new TicketReopened("t-1", "not done", "agent-1"));
        fixture.given(OPENED, new TicketResolved("t-1", "done", "agent-1"))
               .when(new CloseTicket(ID, "agent-1"))
               .expectEvents(new TicketClosed("t-1", "agent-1"));
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new ReceiveCustomerMessage(ID, "late", "hello?"))
               .expectException(RuleViolation.class);
    }

    @Test
    void satisfaction_is_rated_once_and_only_after_resolution() {
        fixture.given(OPENED)
               .when(new RateSatisfaction(ID, 5, null))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 is OPEN; satisfaction is rated after resolution");
        fixture.given(OPENED, new TicketResolved("t-1", "done", "agent-1"))
               .when(new RateSatisfaction(ID, 4, "quick"))
               .expectEvents(new SatisfactionRated("t-1", 4, "quick"));
        fixture.given(OPENED, new TicketResolved("t-1", "done", "agent-1"), new TicketClosed("t-1", "agent-1"))
               .when(new RateSatisfaction(ID, 4, null))
               .expectEvents(new SatisfactionRated("t-1", 4, null));
        fixture.given(OPENED, new TicketResolved("t-1", "done", "agent-1"), new SatisfactionRated("t-1", 4, null))
               .when(new RateSatisfaction(ID, 1, "changed my mind"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 already has a satisfaction rating");
        fixture.given(OPENED, new TicketClosed("t-1", "agent-1"))
               .when(new RateSatisfaction(ID, 3, null))
               .expectException(RuleViolation.class);
    }

    @Test
    void a_bot_draft_replaces_an_unedited_bot_draft() {
        DraftProposed first = new DraftProposed("t-1", "d-1", "bot", "Hello", ContentHash.of("Hello"),
                                                DraftKind.BOT_REPLY);
        fixture.given(OPENED, first)
               .when(new ProposeDraft(ID, "bot", "Hello again"))
               .expectEventsMatching(onlyEvent(DraftProposed.class,
                                               d -> d.body().equals("Hello again")
                                                       && d.contentHash().equals(ContentHash.of("Hello again"))
                                                       && !d.draftId().equals("d-1")));
    }

    @Test
    void the_bot_never_replaces_a_draft_a_human_edited_but_adds_a_note() {
        DraftProposed first = new DraftProposed("t-1", "d-1", "bot", "Hello", ContentHash.of("Hello"),
                                                DraftKind.BOT_REPLY);
        DraftEdited edited = new DraftEdited("t-1", "d-1", "agent-1", "Hello Ana", ContentHash.of("Hello Ana"));
        fixture.given(OPENED, first, edited)
               .when(new ProposeDraft(ID, "bot", "Better text"))
               .expectEventsMatching(onlyEvent(InternalNoteAdded.class,
                                               n -> n.author().equals("bot") && n.body().startsWith("Suggested reply")
                                                       && n.body().endsWith("Better text")));
    }

    @Test
    void editing_a_draft_back_to_the_bot_text_makes_it_the_bots_again() {
        DraftProposed first = new DraftProposed("t-1", "d-1", "bot", "Hello", ContentHash.of("Hello"),
                                                DraftKind.BOT_REPLY);
        fixture.given(OPENED, first,
                      new DraftEdited("t-1", "d-1", "agent-1", "Hi", ContentHash.of("Hi")),
                      new DraftEdited("t-1", "d-1", "agent-1", "Hello", ContentHash.of("Hello")))
               .when(new ProposeDraft(ID, "bot", "Newer"))
               .expectEventsMatching(onlyEvent(DraftProposed.class, d -> d.body().equals("Newer")));
    }

    @Test
    void sending_a_draft_makes_it_the_agents_reply() {
        DraftProposed draft = new DraftProposed("t-1", "d-1", "bot", "Hello", ContentHash.of("Hello"),
                                                DraftKind.BOT_REPLY);
        fixture.given(OPENED, draft)
               .when(new SendDraft(ID, "agent-1"))
               .expectEvents(new DraftSent("t-1", "d-1", "agent-1"),
                             new AgentReplied("t-1", "agent-1", "Hello", true));
        fixture.given(OPENED)
               .when(new SendDraft(ID, "agent-1"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 has no active draft");
        fixture.given(OPENED, draft)
               .when(new DiscardDraft(ID, "agent-1"))
               .expectEvents(new DraftDiscarded("t-1", "d-1", "agent-1"));
    }

    @Test
    void a_follow_up_is_drafted_only_after_the_customer_was_silent_long_enough() {
        fixture.given(OPENED, REPLIED, new TicketMarkedPending("t-1", null, "agent-1"))
               .andGivenCurrentTime(fixture.currentTime().plus(Duration.ofHours(49)))
               .when(new ProposeFollowUp(ID, "Any news?", Duration.ofHours(48), "follow-up-bot"))
               .expectEventsMatching(onlyEvent(DraftProposed.class, d -> d.kind() == DraftKind.FOLLOW_UP));
        fixture.given(OPENED, REPLIED, new TicketMarkedPending("t-1", null, "agent-1"))
               .when(new ProposeFollowUp(ID, "Any news?", Duration.ofHours(48), "follow-up-bot"))
               .expectException(RuleViolation.class);
        fixture.given(OPENED)
               .when(new ProposeFollowUp(ID, "Any news?", Duration.ofHours(48), "follow-up-bot"))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("ticket t-1 is OPEN, not waiting on the customer");
    }
}
