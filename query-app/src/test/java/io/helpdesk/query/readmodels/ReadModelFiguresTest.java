package io.helpdesk.query.readmodels;

import io.helpdesk.eventstore.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.handoff.RequesterKind;
import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftKind;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.query.QueryAppTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A week of history with chosen timestamps, and every figure the dashboard shows, worked out by hand.
 * SLA policy (helpdesk-defaults.yml): P0 24/7, first response 15 min; P1 first response 1 h and resolution
 * 8 h; P2 first response 4 h; office hours Monday to Friday 09:00-17:00 UTC; at risk at 75 % of a target.
 * 2026-11-02 is a Monday.
 */
@QueryAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelFiguresTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    private long head;

    @BeforeAll
    void history() {
        SampleWeek.write(eventStore);
        head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
    }


    private JsonNode get(String uri) {
        return get(uri, "bo", "billing");
    }

    private JsonNode get(String uri, String actor, String teams) {
        return http.get().uri(uri)
                   .header("X-Min-Position", String.valueOf(head))
                   .headers(TestTokens.as(actor, teams.split(",")))
                   .exchange()
                   .expectStatus().isOk()
                   .expectHeader().doesNotExist("X-Read-Model-Stale")
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(name).asText()));
        return values;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    @Test
    void sla_clocks_pause_and_count_working_time_only() {
        JsonNode b = get("/api/sla/tickets/B");
        JsonNode firstResponse = find(b, "target", "FIRST_RESPONSE");
        // 15 min used on Monday, paused overnight, resumed Tuesday 10:00 with 45 min left: due 10:45, replied 10:50.
        assertThat(firstResponse.path("dueAt").asText()).isEqualTo("2026-11-03T10:45:00Z");
        assertThat(firstResponse.path("outcome").asText()).isEqualTo("MISSED");
        assertThat(firstResponse.path("state").asText()).isEqualTo("MISSED");
        // D's first response (due Monday 13:00) is still unanswered today.
        assertThat(find(get("/api/sla/tickets/D"), "target", "FIRST_RESPONSE").path("state").asText())
                .isEqualTo("BREACHED");
        assertThat(find(b, "target", "RESOLUTION").path("outcome").asText()).isEqualTo("MET");
        JsonNode a = get("/api/sla/tickets/A");
        assertThat(find(a, "target", "FIRST_RESPONSE").path("outcome").asText()).isEqualTo("MET");
        assertThat(find(a, "target", "RESOLUTION").path("dueAt").asText()).isEqualTo("2026-11-02T17:00:00Z");
    }

    @Test
    void at_risk_and_breached_now_views_at_a_given_moment() {
        // D (P2): first response due 4 working hours after 09:00 = 13:00, at risk from 75 % = 12:00.
        JsonNode atRisk = get("/api/sla/at-risk?at=2026-11-02T12:30:00Z");
        assertThat(field(atRisk, "ticketId")).containsExactly("D");
        assertThat(atRisk.get(0).path("dueAt").asText()).isEqualTo("2026-11-02T13:00:00Z");
        JsonNode breached = get("/api/sla/breached?at=2026-11-02T13:30:00Z");
        assertThat(field(breached, "ticketId")).containsExactly("D");
    }

    @Test
    void compliance_by_priority() {
        JsonNode compliance = get("/api/sla/compliance?groupBy=priority");
        JsonNode p1First = find(filter(compliance, "group", "P1"), "target", "FIRST_RESPONSE");
        assertThat(p1First.path("met").asLong()).isEqualTo(1);
        assertThat(p1First.path("missed").asLong()).isEqualTo(1);
        assertThat(p1First.path("percentMet").asDouble()).isEqualTo(50.0);
        assertThat(find(filter(compliance, "group", "P1"), "target", "RESOLUTION").path("percentMet").asDouble())
                .isEqualTo(100.0);
        assertThat(find(filter(compliance, "group", "P0"), "target", "FIRST_RESPONSE").path("percentMet").asDouble())
                .isEqualTo(0.0);
    }

    private static JsonNode filter(JsonNode array, String field, String value) {
        var result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        array.forEach(item -> {
            if (item.path(field).asText().equals(value)) {
                result.add(item);
            }
        });
        return result;
    }

    @Test
    void first_response_and_resolution_times_with_percentiles() {
        // First responses: 1800 s (A), 66000 s (B, Mon 16:30 -> Tue 10:50), 1200 s (C).
        JsonNode frt = get("/api/analytics/response-times?metric=first-response").get(0);
        assertThat(frt.path("count").asLong()).isEqualTo(3);
        assertThat(frt.path("meanSeconds").asDouble()).isEqualTo(23000.0);
        assertThat(frt.path("p50Seconds").asDouble()).isEqualTo(1800.0);
        assertThat(frt.path("p90Seconds").asDouble()).isEqualTo(53160.0);
        // Resolutions: 21600 s (A), 70200 s (B).
        JsonNode resolution = get("/api/analytics/response-times?metric=resolution").get(0);
        assertThat(resolution.path("meanSeconds").asDouble()).isEqualTo(45900.0);
        assertThat(resolution.path("p90Seconds").asDouble()).isEqualTo(65340.0);
        JsonNode byChannel = get("/api/analytics/response-times?metric=first-response&by=channel");
        assertThat(find(byChannel, "key", "CHAT").path("meanSeconds").asDouble()).isEqualTo(66000.0);
        JsonNode histogram = get("/api/analytics/response-times/histogram?metric=first-response");
        // 1200 s and 1800 s fall between 15 min and 1 h; 66000 s between 8 h and 24 h.
        assertThat(field(histogram, "count")).containsExactly("0", "2", "0", "0", "1", "0", "0");
    }

    @Test
    void volume_backlog_csat_handoffs_and_drafts() {
        JsonNode volume = get("/api/analytics/volume?by=channel");
        assertThat(field(volume, "key")).containsExactly("CHAT", "EMAIL", "WEB", "WHATSAPP");
        assertThat(field(volume, "tickets")).containsOnly("1");
        JsonNode byDay = get("/api/analytics/volume?by=day");
        assertThat(find(byDay, "key", "2026-11-02").path("tickets").asLong()).isEqualTo(3);

        JsonNode backlog = get("/api/analytics/backlog?from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z");
        assertThat(field(backlog, "open")).containsExactly("2", "1");

        JsonNode csat = get("/api/analytics/csat?by=team").get(0);
        assertThat(csat.path("key").asText()).isEqualTo("billing");
        assertThat(csat.path("responses").asLong()).isEqualTo(2);
        assertThat(csat.path("average").asDouble()).isEqualTo(4.0);
        assertThat(csat.path("percentSatisfied").asDouble()).isEqualTo(50.0);

        JsonNode handoffs = get("/api/analytics/handoffs");
        assertThat(handoffs.path("requested").asLong()).isEqualTo(2);
        assertThat(handoffs.path("accepted").asLong()).isEqualTo(1);
        assertThat(handoffs.path("declined").asLong()).isEqualTo(1);
        assertThat(handoffs.path("meanSecondsToAccept").asDouble()).isEqualTo(300.0);
        assertThat(handoffs.path("botToHumanPercent").asDouble()).isEqualTo(100.0);

        JsonNode drafts = get("/api/analytics/drafts");
        assertThat(drafts.path("botDrafts").asLong()).isEqualTo(1);
        assertThat(drafts.path("editedByHumans").asLong()).isEqualTo(1);
        assertThat(drafts.path("sent").asLong()).isEqualTo(1);
    }

    @Test
    void every_figure_drills_down_to_its_tickets_and_exports_as_csv() {
        assertThat(field(get("/api/analytics/tickets?priority=P1&slaMet=false"), "ticketId")).containsExactly("B");
        assertThat(field(get("/api/analytics/tickets?team=billing"), "ticketId")).containsExactly("A", "B");
        String csv = http.get().uri("/api/analytics/tickets.csv").exchange()
                         .expectStatus().isOk()
                         .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("ticket_id,customer_email,channel,priority,team,agent,created_at")
                            .endsWith(",sla_met,field:plan");
        assertThat(lines).anyMatch(line -> line.startsWith("B,b@example.com,CHAT,P1,billing,bo,2026-11-02T16:30:00Z")
                && line.endsWith(",66000,70200,3,false,"));
        // A's plan, set as the option "gold" and shown under the option's label of now.
        assertThat(lines).anyMatch(line -> line.startsWith("A,") && line.endsWith(",Gold plan"));
    }

    @Test
    void inbox_views_filters_and_sla_order() {
        assertThat(field(get("/api/inbox?view=mine&status=RESOLVED").path("items"), "ticketId")).containsExactly("B");
        assertThat(field(get("/api/inbox?view=team").path("items"), "ticketId")).containsExactly("A", "B");
        assertThat(field(get("/api/inbox?tag=refund").path("items"), "ticketId")).containsExactly("A");
        assertThat(field(get("/api/inbox?q=customer c").path("items"), "ticketId")).containsExactly("C");
        assertThat(field(get("/api/inbox?category=refunds&channel=email").path("items"), "ticketId"))
                .containsExactly("A");
        // Only D has a running clock (due Monday 13:00); the rest follow by priority.
        assertThat(field(get("/api/inbox?sort=sla").path("items"), "ticketId")).containsExactly("D", "C", "A", "B");
        JsonNode soonest = get("/api/inbox?sort=sla&limit=2");
        assertThat(field(soonest.path("items"), "ticketId")).containsExactly("D", "C");
        JsonNode later = get("/api/inbox?sort=sla&limit=2&cursor=" + soonest.path("nextCursor").asText());
        assertThat(field(later.path("items"), "ticketId")).containsExactly("A", "B");
        JsonNode first = get("/api/inbox?sort=activity&limit=2");
        assertThat(field(first.path("items"), "ticketId")).containsExactly("C", "B");
        JsonNode second = get("/api/inbox?sort=activity&limit=2&cursor=" + first.path("nextCursor").asText());
        assertThat(field(second.path("items"), "ticketId")).containsExactly("A", "D");
    }

    @Test
    void the_ticket_detail_shows_its_timeline_in_order() {
        JsonNode timeline = get("/api/tickets/B").path("timeline");
        assertThat(field(timeline, "kind")).containsExactly("OPENED", "HANDOFF_REQUESTED", "HANDOFF_ACCEPTED",
                                                           "ASSIGNED", "PENDING", "OPEN", "AGENT_REPLY", "RESOLVED",
                                                           "CSAT");
        JsonNode reply = find(timeline, "kind", "AGENT_REPLY");
        assertThat(reply.path("at").asText()).isEqualTo("2026-11-03T10:50:00Z");
        assertThat(reply.path("actor").asText()).isEqualTo("bo");
        JsonNode firstResponse = find(get("/api/sla/tickets/B"), "target", "FIRST_RESPONSE");
        assertThat(firstResponse.path("startedAt").asText()).isEqualTo("2026-11-02T16:30:00Z");
        assertThat(firstResponse.path("stoppedAt").asText()).isEqualTo("2026-11-03T10:50:00Z");
        assertThat(firstResponse.path("cycle").asInt()).isEqualTo(1);
        assertThat(firstResponse.path("paused").asBoolean()).isFalse();
    }

    @Test
    void notifications_for_a_person_and_their_team_with_unread_counts() {
        JsonNode feed = get("/api/notifications");
        assertThat(feed.path("unread").asLong()).isEqualTo(3);
        assertThat(field(feed.path("items"), "kind")).containsExactlyInAnyOrder("MENTION", "MENTION", "HANDOFF");
        long id = feed.path("items").get(0).path("id").asLong();
        http.post().uri("/api/notifications/{id}/read", id).headers(TestTokens.as("bo", "billing"))
            .exchange().expectStatus().isOk();
        assertThat(get("/api/notifications").path("unread").asLong()).isEqualTo(2);
        // ana was asked to take D's handoff; bo's channel messages did not mention her.
        assertThat(get("/api/notifications", "ana", "").path("unread").asLong()).isEqualTo(1);
    }

    @Test
    void channels_with_unread_counts_threads_and_member_only_reading() {
        JsonNode mine = get("/api/channels");
        assertThat(find(mine, "channelId", "ch").path("unread").asLong()).isEqualTo(2);
        JsonNode top = get("/api/channels/ch/messages");
        assertThat(field(top.path("items"), "messageId")).containsExactly("m1", "m3");
        assertThat(top.path("items").get(0).path("replies").asLong()).isEqualTo(1);
        assertThat(field(get("/api/channels/ch/messages?threadRootId=m1").path("items"), "messageId"))
                .containsExactly("m2");
        http.post().uri("/api/channels/ch/read").headers(TestTokens.as("bo")).exchange().expectStatus().isOk();
        assertThat(find(get("/api/channels"), "channelId", "ch").path("unread").asLong()).isZero();
        http.get().uri("/api/channels/ch/messages").headers(TestTokens.as("eve")).exchange().expectStatus().isForbidden();
    }
}
