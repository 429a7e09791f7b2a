package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A block holds until lifted; each message that arrives meanwhile is kept once. */
class SenderBlockTest {

    private AggregateTestFixture<SenderBlock> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SenderBlock.class);
    }

    @Test
    void blocking_keeps_each_message_once_and_unblocking_ends_it() {
        fixture.givenNoPriorActivity()
               .when(new BlockSender(" @Spam.Example ", "bulk mail", "root"))
               .expectEvents(new SenderBlocked("@spam.example", "bulk mail", "root"));
        fixture.given(new SenderBlocked("@spam.example", null, "root"))
               .when(new RecordBlockedMessage("@spam.example", "m-1", "x@spam.example", "EMAIL", "Win", "Click"))
               .expectEvents(new InboundMessageBlocked("@spam.example", "m-1", "x@spam.example", "EMAIL", "Win",
                                                       "Click", Senders.subjectOf("X@spam.example ")))
               .expectResultMessagePayload(true);
        fixture.given(new SenderBlocked("@spam.example", null, "root"),
                      new InboundMessageBlocked("@spam.example", "m-1", "x@spam.example", "EMAIL", "Win", "Click",
                                                Senders.subjectOf("x@spam.example")))
               .when(new RecordBlockedMessage("@spam.example", "m-1", "x@spam.example", "EMAIL", "Win", "Click"))
               .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(new SenderBlocked("@spam.example", null, "root"), new SenderUnblocked("@spam.example", "root"))
               .when(new RecordBlockedMessage("@spam.example", "m-2", "x@spam.example", "EMAIL", null, null))
               .expectException(RuleViolation.class);
    }

    @Test
    void a_sender_is_an_identity_or_an_at_and_a_domain() {
        assertThat(Senders.domainOf("Ana@Example.com")).isEqualTo("@example.com");
        assertThat(Senders.domainOf("+4915112345678")).isNull();
        assertThatThrownBy(() -> Senders.pattern("@com", "sender")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Senders.pattern("a b@example.com", "sender")).isInstanceOf(InvalidInput.class);
    }
}
