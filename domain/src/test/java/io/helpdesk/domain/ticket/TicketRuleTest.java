package io.helpdesk.domain.ticket;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.rule.RuleCondition;
import io.helpdesk.domain.rule.RuleTimer;
import io.helpdesk.domain.rule.TimedState;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaSettings;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.helpdesk.domain.macro.MacroAction.Type.ADD_TAGS;
import static io.helpdesk.domain.macro.MacroAction.Type.ALERT;
import static io.helpdesk.domain.macro.MacroAction.Type.NOTIFY;
import static io.helpdesk.domain.macro.MacroAction.Type.SET_STATUS;
import static io.helpdesk.domain.rule.RuleCondition.Field;
import static io.helpdesk.domain.rule.RuleCondition.Operator;

/**
 * A rule runs on a ticket at most once per triggering event, only when its conditions hold on the ticket, never on
 * a closed one; a time-based rule's timer counts working hours from when the ticket entered the state and records
 * nothing when the ticket left the state before it fired.
 */
class TicketRuleTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "ana@shop.example", "Ana", ContactChannel.EMAIL, "Refund", "Where is my refund?", 5, Priority.P2);
    /** A Friday, one working hour before the P2 calendar's weekend (Monday to Friday, 09:00-17:00 UTC). */
    private static final Instant FRIDAY_16 = Instant.parse("2026-12-04T16:00:00Z");

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
        fixture.registerInjectableResource(new SlaSettings(java.time.ZoneOffset.UTC, null, null, java.util.Set.of(),
                                                           null, null, null, java.util.Map.of(), 0.75));
    }

    private static ApplyRule rule(String trigger, List<RuleCondition> conditions, MacroAction... actions) {
        return new ApplyRule(ID, "r-1", 3, "Refunds", trigger, "please refund me", FRIDAY_16, conditions,
                             List.of(actions));
    }

    @Test
    void a_rule_whose_conditions_hold_fires_once_and_its_actions_follow_in_the_same_step() {
        List<RuleCondition> conditions = List.of(new RuleCondition(Field.CHANNEL, Operator.IS, "EMAIL"),
                                                 new RuleCondition(Field.TEXT, Operator.CONTAINS, "REFUND"),
                                                 new RuleCondition(Field.CUSTOMER_DOMAIN, Operator.IS, "shop.example"),
                                                 new RuleCondition(Field.BUSINESS_HOURS, Operator.IS, "true"),
                                                 new RuleCondition(Field.ASSIGNEE, Operator.IS, null));
        fixture.given(OPENED)
               .when(rule("e-1", conditions, new MacroAction(ADD_TAGS, null, null, List.of("refund")),
                          new MacroAction(NOTIFY, "refund from {{customer.name}}", null, null, List.of("lead")),
                          new MacroAction(ALERT, "{{ticket.subject}} via {{rule.name}}", null, null)))
               .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                   @Override
                   protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                       List<Object> payloads = events.stream().map(e -> (Object) ((EventMessage<?>) e).getPayload())
                                                     .toList();
                       return payloads.size() == 4
                               && payloads.get(0).equals(new RuleFired("t-1", "r-1", 3, "Refunds", "e-1"))
                               && payloads.get(1).equals(new TicketTagged("t-1", List.of("refund")))
                               && payloads.get(2) instanceof InternalNoteAdded note
                               && note.body().equals("@lead refund from Ana") && note.mentions().equals(List.of("lead"))
                               && note.author().equals("rule:Refunds")
                               && payloads.get(3).equals(new TicketAlertRaised("t-1", "Refund via Refunds",
                                                                              "rule:Refunds"));
                   }

                   @Override
                   public void describeTo(Description description) {
                       description.appendText("the rule fired, then a tag, a note to @lead and an alert");
                   }
               });
    }

    @Test
    void notifying_a_team_notifies_every_member_as_a_handoff_to_the_team_does() {
        fixture.given(OPENED)
               .when(rule("e-1", List.of(), new MacroAction(NOTIFY, "P1 waiting: {{ticket.subject}}", "billing", null,
                                                            List.of("lead"))))
               .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                   @Override
                   protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                       return events.size() == 2 && ((EventMessage<?>) events.get(1)).getPayload()
                               instanceof InternalNoteAdded note
                               && note.mentions().equals(List.of("lead", "team:billing"))
                               && note.body().equals("@lead (team billing) P1 waiting: Refund");
                   }

                   @Override
                   public void describeTo(Description description) {
                       description.appendText("the rule fired, then a note to @lead and team billing");
                   }
               });
    }

    @Test
    void the_same_rule_on_the_same_event_again_changes_nothing() {
        fixture.given(OPENED, new RuleFired("t-1", "r-1", 3, "Refunds", "e-1"))
               .when(rule("e-1", List.of(), new MacroAction(ADD_TAGS, null, null, List.of("refund"))))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void conditions_that_do_not_hold_and_a_closed_ticket_change_nothing() {
        fixture.given(OPENED)
               .when(rule("e-1", List.of(new RuleCondition(Field.PRIORITY, Operator.IS, "P1")),
                          new MacroAction(ADD_TAGS, null, null, List.of("refund"))))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(OPENED, new TicketClosed("t-1", "bo"))
               .when(rule("e-2", List.of(), new MacroAction(SET_STATUS, "RESOLVED", null, null)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_timer_counts_working_hours_from_when_the_ticket_entered_the_state() {
        RuleTimer threeWorkingHours = new RuleTimer(TimedState.PENDING, Duration.ofHours(3), true);
        Instant monday11 = Instant.parse("2026-12-07T11:00:00Z");
        fixture.givenCurrentTime(FRIDAY_16)
               .andGiven(OPENED, new TicketMarkedPending("t-1", "asked for the order number", "bo"))
               .when(new ScheduleAutomation(ID, "r-1", threeWorkingHours))
               .expectScheduledDeadline(monday11, new AutomationDue("t-1", "r-1", TimedState.PENDING, FRIDAY_16,
                                                                      monday11));
        setUp();
        fixture.givenCurrentTime(FRIDAY_16)
               .andGiven(OPENED, new TicketMarkedPending("t-1", "asked for the order number", "bo"))
               .andGivenCommands(new ScheduleAutomation(ID, "r-1", threeWorkingHours))
               .whenTimeAdvancesTo(monday11)
               .expectEvents(new AutomationTimerElapsed("t-1", "r-1", TimedState.PENDING, FRIDAY_16, monday11));
    }

    @Test
    void a_running_clock_past_its_at_risk_share_is_recorded_for_the_rule_watching_it_and_an_answer_stops_it() {
        Instant opened = fixture.currentTime();
        OpenTicket p0 = new OpenTicket(ID, "ana@example.com", "Ana", ContactChannel.CHAT, "Site down", "Nothing loads",
                                       10);
        // P0 runs around the clock: 15 minutes to the first response, at risk after three quarters of them.
        fixture.givenCommands(p0, new WatchSlaRisk(ID, "r-1"))
               .whenTimeElapses(Duration.ofMinutes(12))
               .expectEvents(new SlaAtRisk("t-1", "r-1", io.helpdesk.domain.sla.SlaTarget.FIRST_RESPONSE,
                                           opened.plus(Duration.ofMinutes(15)), Priority.P0));
        setUp();
        fixture.givenCommands(p0, new WatchSlaRisk(ID, "r-1"), new PostAgentReply(ID, "bo", "On it"))
               .whenTimeElapses(Duration.ofMinutes(12))
               .expectNoEvents();
    }

    @Test
    void leaving_the_state_before_the_timer_fires_cancels_it() {
        RuleTimer oneHour = new RuleTimer(TimedState.PENDING, Duration.ofHours(1), false);
        fixture.givenCurrentTime(FRIDAY_16)
               .andGiven(OPENED, new TicketMarkedPending("t-1", "asked", "bo"))
               .andGivenCommands(new ScheduleAutomation(ID, "r-1", oneHour))
               .andGiven(new TicketReturnedToOpen("t-1", "customer replied", "customer"))
               .whenTimeElapses(Duration.ofHours(2))
               .expectNoEvents();
        // Not in the state at all: no timer.
        setUp();
        fixture.givenCurrentTime(FRIDAY_16)
               .andGiven(OPENED)
               .when(new ScheduleAutomation(ID, "r-1", oneHour))
               .expectNoScheduledDeadlines();
    }
}
