package io.helpdesk.domain.ticket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageGuardsTest {

    @Test
    void importance_maps_to_priority_buckets_at_their_edges() {
        assertThat(Priority.fromImportance(10)).isEqualTo(Priority.P0);
        assertThat(Priority.fromImportance(9)).isEqualTo(Priority.P0);
        assertThat(Priority.fromImportance(8)).isEqualTo(Priority.P1);
        assertThat(Priority.fromImportance(7)).isEqualTo(Priority.P1);
        assertThat(Priority.fromImportance(6)).isEqualTo(Priority.P2);
        assertThat(Priority.fromImportance(4)).isEqualTo(Priority.P2);
        assertThat(Priority.fromImportance(3)).isEqualTo(Priority.P3);
        assertThat(Priority.fromImportance(0)).isEqualTo(Priority.P3);
        assertThat(Priority.fromImportance(null)).isEqualTo(Priority.P3);
    }

    @Test
    void importance_outside_zero_to_ten_is_bad_input() {
        assertThatThrownBy(() -> Priority.fromImportance(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Priority.fromImportance(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_open_ticket_command_needs_a_subject_and_a_customer() {
        assertThatThrownBy(() -> new OpenTicket(TicketId.newId(), " ", null, ContactChannel.WEB, "s", "b", null))
                .hasMessage("customerEmail must not be blank");
        assertThatThrownBy(() -> new OpenTicket(TicketId.newId(), "a@b.c", null, ContactChannel.WEB, "", "b", null))
                .hasMessage("subject must not be blank");
        assertThatThrownBy(() -> new OpenTicket(TicketId.newId(), "a@b.c", null, null, "s", "b", null))
                .hasMessage("channel is required");
    }

    @Test
    void a_blank_customer_name_is_no_name() {
        assertThat(new OpenTicket(TicketId.newId(), "a@b.c", "  ", ContactChannel.WEB, "s", "b", null).customerName())
                .isNull();
    }
}
