package io.helpdesk.command.erasure;

import io.helpdesk.command.CommandApiTest;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention policy as a persistent task of the scheduler, erasing contacts without activity for the period
 * configured (here none: every contact is past it) by {@code system:retention}, each once; a contact merged into
 * another goes with that one.
 */
@TestPropertySource(properties = {"RETENTION_ERASE_INACTIVE_AFTER=P0D", "RETENTION_EVERY=PT24H"})
@DirtiesContext
class RetentionTest extends CommandApiTest {

    @Autowired
    RetentionPolicy.Retention retention;

    private String contact(String identity) {
        return post("/api/contacts", null, Map.of("name", "Ret", "identities", List.of(identity)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("contactId").toString();
    }

    @Test
    void inactive_contacts_are_erased_once_by_a_persistent_task() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.scheduled_tasks WHERE task_name = ?",
                                       Long.class, "contact-retention")).isEqualTo(1);
        String kept = contact("old@retention.example");
        String merged = contact("older@retention.example");
        String ticket = post("/api/tickets", null, Map.of("customerEmail", "old@retention.example", "channel", "EMAIL",
                                                          "subject", "Old", "body", "Long ago"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("ticketId").toString();
        call(HttpMethod.POST, "/api/contacts/" + kept + "/merge", null, Map.of("from", merged)).expectStatus().isOk();

        assertThat(retention.run()).isEqualTo(1);
        assertThat(events(kept)).last().isEqualTo("ContactErased");
        assertThat(events(merged)).last().isEqualTo("ContactErased");
        assertThat(events(ticket)).contains("TicketErased", "TicketClosed");
        assertThat(stored(".ContactErased")).allSatisfy(erased -> assertThat(erased.payload())
                .contains("\"by\":\"system:retention\"").contains("no activity for P0D"));
        assertThat(retention.run()).isZero();
    }
}
