package io.helpdesk.command.ticket;

import io.helpdesk.command.CommandApiTest;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.PostAgentReply;
import io.helpdesk.domain.ticket.RateSatisfaction;
import io.helpdesk.domain.ticket.ReceiveCustomerMessage;
import io.helpdesk.domain.ticket.ResolveTicket;
import io.helpdesk.domain.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A long conversation: a ticket with hundreds of customer messages loads from a snapshot (every 100 events by
 * default), and the state restored from it still knows every message it holds and what happened to it.
 */
class TicketSnapshotTest extends CommandApiTest {

    private static final int MESSAGES = 250;

    @Autowired
    CommandGateway commands;

    @Test
    void a_long_conversation_loads_from_a_snapshot_that_remembers_the_whole_ticket() {
        String ticket = openTicket(5);
        TicketId id = new TicketId(ticket);
        commands.sendAndWait(new PostAgentReply(id, "ana", "Looking into it"));
        for (int i = 0; i < MESSAGES; i++) {
            Boolean first = commands.sendAndWait(new ReceiveCustomerMessage(id, "msg-" + i, "message " + i));
            assertThat(first).as("message %d", i).isTrue();
        }

        Long snapshotAt = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM eventstore.snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, ticket);
        // At least two: the second was taken from a ticket loaded from the first.
        assertThat(snapshotAt).isNotNull().isGreaterThan(150L);

        // Message ids from before the snapshot are still known: a redelivery is no new message.
        Boolean redelivered = commands.sendAndWait(new ReceiveCustomerMessage(id, "msg-3", "message 3"));
        assertThat(redelivered).isFalse();
        Boolean fresh = commands.sendAndWait(new ReceiveCustomerMessage(id, "msg-new", "one more"));
        assertThat(fresh).isTrue();

        commands.sendAndWait(new ResolveTicket(id, "done", "ana"));
        commands.sendAndWait(new RateSatisfaction(id, 5, null));
        assertThatThrownBy(() -> commands.sendAndWait(new RateSatisfaction(id, 1, null)))
                .isInstanceOf(RuleViolation.class);
        assertThat(events(ticket)).endsWith("CustomerMessageReceived", "TicketResolved", "SatisfactionRated")
                                  .filteredOn("CustomerMessageReceived"::equals).hasSize(MESSAGES + 1);
    }
}
