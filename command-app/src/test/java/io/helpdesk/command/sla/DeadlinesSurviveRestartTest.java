package io.helpdesk.command.sla;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.command.CommandApplication;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** A deadline scheduled before command-app stops still fires after it starts again. */
class DeadlinesSurviveRestartTest {

    private final TestDatabase.Database database = TestDatabase.create();

    @Test
    void an_sla_deadline_scheduled_before_a_restart_fires_after_it() {
        String ticket;
        try (ConfigurableApplicationContext app = start()) {
            Map<?, ?> created = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port")).defaultHeader("Authorization", TestTokens.defaultBearer()).build()
                    .post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("customerEmail", "a@example.com", "channel", "PHONE", "subject", "Down",
                                      "body", "All down", "importance", 10))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            ticket = (String) created.get("ticketId");
        }
        try (ConfigurableApplicationContext app = start()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM eventstore.domain_event_entry WHERE aggregate_identifier = ? "
                            + "AND payload_type LIKE '%SlaBreached'", Long.class, ticket) == 1);
        }
    }

    @Test
    void a_time_based_rule_started_before_a_restart_acts_after_it() {
        String ticket;
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient http = client(app);
            http.post().uri("/api/rules").contentType(MediaType.APPLICATION_JSON)
                .headers(TestTokens.as("lead", Role.MANAGER))
                .bodyValue(Map.of("name", "Resolve pending", "timer", Map.of("state", "PENDING", "after", "PT4S"),
                                  "actions", List.of(Map.of("type", "SET_STATUS", "value", "RESOLVED"))))
                .exchange().expectStatus().isCreated();
            ticket = (String) http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                                  .bodyValue(Map.of("customerEmail", "a@example.com", "channel", "EMAIL",
                                                    "subject", "Order", "body", "Where is it?"))
                                  .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                                  .getResponseBody().get("ticketId");
            http.post().uri("/api/tickets/" + ticket + "/pending").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "asked for the order number")).exchange().expectStatus().isOk();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            // The timer is started by the rules processor, after the change (possibly before this line runs):
            // stop once the ticket's automation deadline is stored (its name is in the task's data).
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM eventstore.scheduled_tasks WHERE position(convert_to(?, 'UTF8') "
                            + "IN task_data) > 0 AND position(convert_to(?, 'UTF8') IN task_data) > 0", Long.class,
                    "ticket-automation", ticket) == 1);
        }
        try (ConfigurableApplicationContext app = start()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM eventstore.domain_event_entry WHERE aggregate_identifier = ? "
                            + "AND payload_type LIKE '%TicketResolved'", Long.class, ticket) == 1);
        }
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer()
                            .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
                            .defaultHeader("Authorization", TestTokens.defaultBearer()).build();
    }

    private ConfigurableApplicationContext start() {
        String[] args = Stream.concat(Stream.of(database.args()),
                                      Stream.of("--server.port=0", "--helpdesk.sla.targets.P0.first-response=3s",
                                                "--helpdesk.deadlines.polling-interval=200ms"))
                              .toArray(String[]::new);
        return CommandApplication.application().run(args);
    }
}
