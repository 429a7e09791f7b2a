package io.helpdesk.domain.ticket;

import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.helpdesk.domain.macro.MacroAction.Type.ADD_NOTE;
import static io.helpdesk.domain.macro.MacroAction.Type.ADD_TAGS;
import static io.helpdesk.domain.macro.MacroAction.Type.PROPOSE_DRAFT;
import static io.helpdesk.domain.macro.MacroAction.Type.SET_PRIORITY;
import static io.helpdesk.domain.macro.MacroAction.Type.SET_STATUS;

/** A macro changes a ticket in one step through its ordinary rules, fills its templates, or changes nothing. */
class TicketMacroTest {

    private static final TicketId ID = new TicketId("t-1");
    private static final TicketOpened OPENED = new TicketOpened(
            "t-1", "ana@example.com", "Ana", ContactChannel.EMAIL, "Refund", "Where is it?", 5, Priority.P2);

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(SlaPolicy.standard());
    }

    private static ApplyMacro macro(MacroAction... actions) {
        return new ApplyMacro(ID, "m-1", 2, List.of(actions), "bo");
    }

    @Test
    void every_action_happens_in_order_and_templates_are_filled_from_the_ticket() {
        fixture.given(OPENED)
               .when(macro(new MacroAction(SET_PRIORITY, "P1", null, null),
                           new MacroAction(ADD_TAGS, null, null, List.of("refund")),
                           new MacroAction(PROPOSE_DRAFT, "Hello {{customer.name}}, about {{ticket.subject}}: {{agent.name}}",
                                           null, null),
                           new MacroAction(SET_STATUS, "PENDING", null, null)))
               .expectSuccessfulHandlerExecution()
               .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                   @Override
                   protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                       List<Object> payloads = events.stream().map(e -> ((EventMessage<?>) e).getPayload())
                                                     .map(p -> (Object) p).toList();
                       return payloads.stream().map(p -> p.getClass().getSimpleName()).toList().equals(List.of(
                               "TicketPriorityChanged", "TicketTagged", "DraftProposed", "TicketMarkedPending"))
                               && ((DraftProposed) payloads.get(2)).body().equals("Hello Ana, about Refund: bo")
                               && ((TicketMarkedPending) payloads.get(3)).reason().equals("macro m-1 v2");
                   }

                   @Override
                   public void describeTo(Description description) {
                       description.appendText("priority, tag, filled draft, pending, in that order");
                   }
               });
    }

    @Test
    void a_placeholder_the_ticket_cannot_fill_refuses_the_macro_before_anything_changes() {
        fixture.given(new TicketOpened("t-1", "x@example.com", null, ContactChannel.EMAIL, "S", "B", 5, Priority.P2))
               .when(macro(new MacroAction(SET_PRIORITY, "P1", null, null),
                           new MacroAction(ADD_NOTE, "for {{customer.name}}", null, null)))
               .expectException(InvalidInput.class)
               .expectExceptionMessage("actions[1].value the placeholder {{customer.name}} cannot be filled for this "
                                               + "ticket (it has no value)")
               .expectNoEvents();
        fixture.given(OPENED)
               .when(macro(new MacroAction(ADD_NOTE, "{{order.id}}", null, null)))
               .expectException(InvalidInput.class)
               .expectNoEvents();
    }

    @Test
    void a_refused_action_refuses_the_whole_macro_and_a_status_the_ticket_has_is_passed_over() {
        fixture.given(OPENED, new TicketClosed("t-1", "ana"))
               .when(macro(new MacroAction(SET_PRIORITY, "P1", null, null)))
               .expectException(RuleViolation.class)
               .expectNoEvents();
        fixture.given(OPENED, new TicketMarkedPending("t-1", "waiting", "ana"))
               .when(macro(new MacroAction(SET_STATUS, "PENDING", null, null)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
