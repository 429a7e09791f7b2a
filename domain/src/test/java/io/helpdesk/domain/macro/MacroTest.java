package io.helpdesk.domain.macro;

import io.helpdesk.domain.shared.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Macros are created at version 1, and each change that changes something makes the next version. */
class MacroTest {

    private static final List<MacroAction> TAG = List.of(new MacroAction(MacroAction.Type.ADD_TAGS, null, null,
                                                                          List.of("vip")));
    private static final List<MacroAction> NOTE = List.of(new MacroAction(MacroAction.Type.ADD_NOTE, "Hi {{agent.name}}",
                                                                           null, null));

    @Test
    void versions_count_the_changes_that_change_something() {
        AggregateTestFixture<Macro> fixture = new AggregateTestFixture<>(Macro.class);
        fixture.givenNoPriorActivity()
               .when(new CreateMacro("m-1", "VIP", TAG, "lead"))
               .expectEvents(new MacroCreated("m-1", "VIP", TAG, 1, "lead"));
        fixture.given(new MacroCreated("m-1", "VIP", TAG, 1, "lead"))
               .when(new ChangeMacro("m-1", "VIP note", NOTE, "lead"))
               .expectEvents(new MacroChanged("m-1", "VIP note", NOTE, 2, "lead"));
        fixture.given(new MacroCreated("m-1", "VIP", TAG, 1, "lead"), new MacroChanged("m-1", "VIP note", NOTE, 2, "lead"))
               .when(new ChangeMacro("m-1", "VIP note", NOTE, "lead"))
               .expectNoEvents();
    }

    @Test
    void actions_are_checked_by_their_kind() {
        assertThatThrownBy(() -> new MacroAction(MacroAction.Type.SET_STATUS, "CLOSED", null, null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("value must be one of");
        assertThatThrownBy(() -> new MacroAction(MacroAction.Type.ADD_TAGS, null, null, List.of()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("tags");
        assertThatThrownBy(() -> new CreateMacro("m-1", "Empty", List.of(), "lead"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("actions");
    }
}
