package io.helpdesk.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelRenamed;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.handoff.RequesterKind;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.QueryAppTest;
import io.helpdesk.query.readmodels.History;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QueryAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    WebTestClient http;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** The filter of the history written for these tests, without the records of the exports they make. */
    private static final String HISTORY = "?to=2026-11-04T00:00:00Z";

    @BeforeAll
    void history() {
        new History(eventStore)
                .at("2026-11-02T09:00:00Z").ticket("t1", new TicketOpened("t1", "ana@example.com", "Ana, \"the\" customer",
                                                                          ContactChannel.EMAIL, "Refund", "Where?\nNow",
                                                                          7, Priority.P1))
                .at("2026-11-02T09:10:00Z").ticket("t1", new TicketAssigned("t1", "bo", "billing", null))
                .at("2026-11-02T09:20:00Z").handoff("h1", new HandoffRequested("h1", "t1", "bo", RequesterKind.AGENT,
                                                                               "cy", null, "leaving", null,
                                                                               Instant.parse("2026-11-02T09:35:00Z")))
                .at("2026-11-02T09:25:00Z").handoff("h1", new HandoffAccepted("h1", "t1", "cy", null))
                .at("2026-11-02T09:30:00Z").ticket("t1", new AgentReplied("t1", "cy", "Sent today", true))
                .at("2026-11-02T11:00:00Z").ticket("t1", new TicketResolved("t1", "refunded", "cy"))
                .at("2026-11-02T12:00:00Z").ticket("t2", new TicketOpened("t2", "eve@example.com", null, ContactChannel.SMS,
                                                                          "Hi", "Hello", null, Priority.P3))
                .at("2026-11-03T08:00:00Z").channel("c1", new ChannelCreated("c1", ChannelType.PUBLIC, "general", null,
                                                                             "bo", List.of("bo")),
                                                    new MessagePosted("c1", "m1", "bo", "é ü 漢字", null, "t1", List.of()))
                .at("2026-11-03T09:00:00Z").channel("c1", new ChannelRenamed("c1", "support", "bo"));
        // Let the read models take in the history first, so the exports below do not compete with them.
        http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build()
            .get().uri("/api/admin/processors").header("X-Min-Position", "10").exchange()
            .expectStatus().isOk();
    }

    private String export(String query) {
        return http.mutate().responseTimeout(java.time.Duration.ofSeconds(15)).build()
                   .get().uri("/api/audit/events" + query).exchange()
                   .expectStatus().isOk()
                   .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Verified as an auditor does, with the seal's public key. */
    private ExportVerifier.Result verify(byte[] content) throws Exception {
        return verify(content, List.of(SealKey.of(TestTokens.SEAL_KEY).verifier()));
    }

    private ExportVerifier.Result verify(byte[] content, List<SealKey.Verifier> keys) throws Exception {
        Path file = Files.write(dir.resolve("export-" + System.nanoTime()), content);
        return ExportVerifier.verify(file, keys);
    }

    @Test
    void an_export_edited_and_chained_again_without_the_key_fails() throws Exception {
        String[] lines = export("").split("\n");
        // The forger changes a reply's text and recomputes every hash after it, and the final hash.
        HashChain chain = new HashChain();
        StringBuilder forged = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i].replace("Sent today", "Sent yesterday");
            String canonical = line.substring(0, line.lastIndexOf(",\"hash\":")) + "}";
            AuditRecord.appendJsonLine(forged, canonical, chain.next(canonical));
        }
        JsonNode trailer = json.readTree(lines[lines.length - 1]);
        forged.append("{\"records\":").append(chain.records()).append(",\"finalHash\":\"").append(chain.last())
              .append("\",\"keyId\":\"").append(trailer.path("keyId").asText()).append("\",\"signature\":\"")
              .append(trailer.path("signature").asText()).append("\"}\n");
        assertThat(forged.toString()).contains("Sent yesterday");
        byte[] file = forged.toString().getBytes(StandardCharsets.UTF_8);
        // The chain alone cannot tell: that is what the signature is for.
        assertThat(verify(file, List.of()).ok()).isTrue();
        ExportVerifier.Result result = verify(file);
        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).contains("signature does not match");
        assertThat(result.failedLine()).isEqualTo(lines.length);
        // Signed with another key: named as such.
        SealKey.Verifier other = SealKey.of(java.util.Base64.getEncoder().encodeToString(new byte[32])).verifier();
        assertThat(verify(export("").getBytes(StandardCharsets.UTF_8), List.of(other)).reason())
                .contains("not among the keys given");
        assertThat(verify(export("").getBytes(StandardCharsets.UTF_8)).signedBy())
                .isEqualTo(SealKey.of(TestTokens.SEAL_KEY).keyId());
    }

    @Test
    void the_export_carries_who_when_what_and_verifies() throws Exception {
        // The history written above (each export is recorded in the trail too: those are left out here).
        String ndjson = export(HISTORY);
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(11);
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.path("position").asLong()).isPositive();
        assertThat(first.path("aggregateType").asText()).isEqualTo("Ticket");
        assertThat(first.path("aggregateId").asText()).isEqualTo("t1");
        assertThat(first.path("sequence").asLong()).isZero();
        assertThat(first.path("eventType").asText()).isEqualTo("io.helpdesk.domain.ticket.TicketOpened");
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-11-02T09:00:00.000Z");
        assertThat(first.path("user").asText()).isEqualTo("test");
        assertThat(first.path("correlationId").asText()).isEqualTo("corr-t1-0");
        assertThat(first.path("payload").path("customerName").asText()).isEqualTo("Ana, \"the\" customer");
        assertThat(first.path("hash").asText()).hasSize(64);
        assertThat(json.readTree(lines[10]).path("records").asLong()).isEqualTo(10);
        assertThat(verify(ndjson.getBytes(StandardCharsets.UTF_8)).ok()).isTrue();

        String csv = export(HISTORY + "&format=csv");
        assertThat(csv.split("\n")[0]).isEqualTo(
                "position,aggregate_type,aggregate_id,sequence,event_type,timestamp,user,correlation_id,cause,payload,hash");
        assertThat(verify(csv.getBytes(StandardCharsets.UTF_8)).ok()).isTrue();
        // Every CSV record holds the NDJSON record's values, quoted where a cell needs it (the first payload
        // holds commas, quotes and a line break; the channel message non-ASCII text).
        List<List<String>> rows = csvRows(csv);
        assertThat(rows).hasSize(12);
        for (int i = 0; i < 10; i++) {
            JsonNode record = json.readTree(lines[i]);
            List<String> row = rows.get(i + 1);
            // The hash is over the CSV record's own bytes.
            assertThat(row.get(10)).as("CSV record %d's hash", i).matches("[0-9a-f]{64}");
            assertThat(row.subList(0, 10)).as("CSV record %d", i).containsExactly(
                    record.path("position").asText(), record.path("aggregateType").asText(),
                    record.path("aggregateId").asText(), record.path("sequence").asText(),
                    record.path("eventType").asText(), record.path("timestamp").asText(),
                    record.path("user").asText(), record.path("correlationId").asText(),
                    record.path("cause").isNull() ? "" : record.path("cause").asText(),
                    json.writeValueAsString(record.path("payload")));
        }
        assertThat(rows.get(1).get(9)).contains("Ana, \\\"the\\\" customer", "Where?\\nNow");
        assertThat(ndjson).contains("\"body\":\"é ü 漢字\"");
    }

    @Test
    void every_export_is_recorded_in_the_trail_before_it_is_read_so_it_holds_its_own_record() throws Exception {
        String[] lines = http.get().uri("/api/audit/events?aggregateId=h1&format=ndjson")
                             .header("X-Correlation-Id", "export-h1").exchange().expectStatus().isOk()
                             .expectBody(String.class).returnResult().getResponseBody().split("\n");
        String all = export("");
        JsonNode own = null;
        for (String line : all.split("\n")) {
            JsonNode record = json.readTree(line);
            if (record.path("eventType").asText().endsWith("AuditTrailExported")
                    && record.path("correlationId").asText().equals("export-h1")) {
                own = record;
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(own).as("the first export's record in the second").isNotNull();
        assertThat(own.path("user").asText()).isEqualTo(TestTokens.DEFAULT_USER);
        assertThat(own.path("payload").path("by").asText()).isEqualTo(TestTokens.DEFAULT_USER);
        assertThat(own.path("payload").path("format").asText()).isEqualTo("ndjson");
        assertThat(own.path("payload").path("aggregateId").asText()).isEqualTo("h1");
        // The default test user holds every role, ADMIN too: private channels' text was in it.
        assertThat(own.path("payload").path("privateText").asBoolean()).isTrue();
        // The second export's own record is its last one, before the trailer.
        String[] records = all.split("\n");
        JsonNode last = json.readTree(records[records.length - 2]);
        assertThat(last.path("eventType").asText()).endsWith("AuditTrailExported");
        assertThat(last.path("payload").path("aggregateId").isNull()).isTrue();
        assertThat(verify(all.getBytes(StandardCharsets.UTF_8)).ok()).isTrue();
    }

    /** RFC 4180: cells split at commas, quoted cells may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> csvRows(String csv) throws IOException {
        try (MappingIterator<List<String>> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                                                                 .readerFor(new TypeReference<List<String>>() { })
                                                                 .readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void altering_any_single_byte_fails_verification_at_the_altered_record() throws Exception {
        for (String query : List.of("", "?format=csv")) {
            byte[] original = export(query).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < original.length; i++) {
                byte[] altered = original.clone();
                altered[i] = (byte) (altered[i] == 'x' ? 'y' : 'x');
                ExportVerifier.Result result = verify(altered);
                assertThat(result.ok()).as("byte %d of %s export altered", i, query).isFalse();
                long line = 1;
                for (int j = 0; j < i; j++) {
                    if (original[j] == '\n') {
                        line++;
                    }
                }
                // The verdict names the altered line, or (for the separator after it) the line it ran into.
                assertThat(result.failedLine()).as("byte %d of %s export", i, query).isBetween(line, line + 1);
            }
        }
    }

    @Test
    void removing_or_reordering_records_fails_verification() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(export("").split("\n")));
        List<String> removed = new java.util.ArrayList<>(lines);
        removed.remove(3);
        assertThat(verify((String.join("\n", removed) + "\n").getBytes(StandardCharsets.UTF_8)).failedLine()).isEqualTo(4);
        List<String> swapped = new java.util.ArrayList<>(lines);
        java.util.Collections.swap(swapped, 1, 2);
        assertThat(verify((String.join("\n", swapped) + "\n").getBytes(StandardCharsets.UTF_8)).failedLine()).isEqualTo(2);
        List<String> truncated = lines.subList(0, 5);
        assertThat(verify((String.join("\n", truncated) + "\n").getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo("the final hash line is missing");
    }

    @Test
    void exports_by_aggregate_customer_and_time_range() throws Exception {
        assertThat(export("?aggregateId=h1").split("\n")).hasSize(3);
        String byCustomer = export("?customer=ana@example.com");
        assertThat(byCustomer.split("\n")).hasSize(5);
        assertThat(byCustomer).doesNotContain("\"aggregateId\":\"t2\"");
        String byTime = export("?from=2026-11-02T09:15:00Z&to=2026-11-02T12:00:00Z");
        assertThat(byTime.split("\n")).hasSize(5);
        assertThat(verify(byTime.getBytes(StandardCharsets.UTF_8)).ok()).isTrue();
        http.get().uri("/api/audit/events?format=xml").exchange().expectStatus().isBadRequest();
    }

    @Test
    void time_travel_shows_a_ticket_handoff_and_channel_as_they_were() {
        http.get().uri("/api/history/tickets/t1?at=2026-11-02T09:15:00Z").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.sequence").isEqualTo(1)
            .jsonPath("$.state.status").isEqualTo("OPEN")
            .jsonPath("$.state.assignee").isEqualTo("bo")
            .jsonPath("$.state.agentReplies").isEqualTo(0);
        http.get().uri("/api/history/tickets/t1").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.state.status").isEqualTo("RESOLVED")
            .jsonPath("$.state.agentReplies").isEqualTo(1);
        http.get().uri("/api/history/tickets/t1?sequence=2").exchange()
            .expectBody().jsonPath("$.state.agentReplies").isEqualTo(1).jsonPath("$.state.status").isEqualTo("OPEN");
        http.get().uri("/api/history/handoffs/h1?at=2026-11-02T09:22:00Z").exchange()
            .expectBody().jsonPath("$.state.status").isEqualTo("REQUESTED");
        http.get().uri("/api/history/channels/c1?at=2026-11-03T08:30:00Z").exchange()
            .expectBody().jsonPath("$.state.name").isEqualTo("general").jsonPath("$.state.messages").isEqualTo(1);
        http.get().uri("/api/history/tickets/t1?at=2026-11-01T00:00:00Z").exchange().expectStatus().isNotFound();
        http.get().uri("/api/history/tickets/t1?at=yesterday").exchange().expectStatus().isBadRequest();
    }
}
