package io.helpdesk.command.seal;

import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.seal.Sealer;
import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history is sealed as it is written, and the verify command finds what was changed in the database: an
 * edited event, a deleted one, one slipped into the sealed history, and an edit whose stored chain was rewritten
 * to match (only the signed checkpoints tell that one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=command-app", "helpdesk.seal.window=0s", "helpdesk.seal.interval=1s",
                              "helpdesk.delivery.enabled=false"})
@DirtiesContext
class SealedHistoryTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Sealer sealer;

    private final SealKey.Verifier publicKey = SealKey.of(TestTokens.SEAL_KEY).verifier();

    @BeforeEach
    void history() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("customerEmail", "ana@example.com", "channel", "EMAIL",
                                              "subject", "s" + i, "body", "b" + i))
                            .exchange().expectStatus().isCreated()
                            .expectBody(Map.class).returnResult().getResponseBody().get("ticketId").toString();
            http.post().uri("/api/tickets/" + id + "/replies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("body", "on it")).exchange().expectStatus().is2xxSuccessful();
        }
        sealer.sealNow();
    }

    private StoreVerifier.Result verify() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return StoreVerifier.verify(connection, List.of(publicKey));
        }
    }

    private long position(int nth) {
        return jdbc.queryForObject("SELECT global_index FROM eventstore.domain_event_entry ORDER BY global_index "
                                           + "OFFSET ? LIMIT 1", Long.class, nth);
    }

    @Test
    void the_sealer_seals_on_its_own_and_the_status_names_the_key() {
        long events = jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry", Long.class);
        // Sealed by the schedule too, not only when a test asks.
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("customerEmail", "bo@example.com", "channel", "EMAIL", "subject", "s", "body", "b"))
            .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(verify().events()).isGreaterThan(events));
        http.get().uri("/api/admin/seal").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.publicKey").isEqualTo(publicKey.publicKey())
            .jsonPath("$.keyId").isEqualTo(publicKey.keyId())
            .jsonPath("$.checkpoint.keyId").isEqualTo(publicKey.keyId())
            .jsonPath("$.stopped").doesNotExist();
    }

    @Test
    void an_untouched_store_verifies() throws Exception {
        StoreVerifier.Result result = verify();
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.events()).isEqualTo(
                jdbc.queryForObject("SELECT count(*) FROM eventstore.seal_link", Long.class)).isGreaterThanOrEqualTo(6);
        assertThat(result.checkpoints()).isPositive();
    }

    @Test
    void an_edited_event_is_named() throws Exception {
        // The second ticket's first reply.
        long edited = jdbc.queryForObject("SELECT global_index FROM eventstore.domain_event_entry "
                                                  + "WHERE payload_type LIKE '%.AgentReplied' ORDER BY global_index "
                                                  + "OFFSET 1 LIMIT 1", Long.class);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM eventstore.domain_event_entry WHERE global_index = ?",
                                             byte[].class, edited);
        String time = jdbc.queryForObject("SELECT time_stamp FROM eventstore.domain_event_entry WHERE global_index = ?",
                                          String.class, position(1));
        try {
            // What a reply says is stored encrypted; whether it was the first response is not.
            jdbc.update("UPDATE eventstore.domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
                                + "'UTF8'), '\"firstResponse\":true', '\"firstResponse\":false'), 'UTF8') "
                                + "WHERE global_index = ?", edited);
            StoreVerifier.Result result = verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.failedPosition()).isEqualTo(edited);
            assertThat(result.reason()).contains("was changed after it was sealed");
            // Also an edit of the metadata or the time only.
            jdbc.update("UPDATE eventstore.domain_event_entry SET payload = ? WHERE global_index = ?", payload, edited);
            assertThat(verify().ok()).isTrue();
            jdbc.update("UPDATE eventstore.domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z' "
                                + "WHERE global_index = ?", position(1));
            assertThat(verify().failedPosition()).isEqualTo(position(1));
        } finally {
            jdbc.update("UPDATE eventstore.domain_event_entry SET payload = ? WHERE global_index = ?", payload, edited);
            jdbc.update("UPDATE eventstore.domain_event_entry SET time_stamp = ? WHERE global_index = ?", time,
                        position(1));
        }
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void a_deleted_or_inserted_event_is_named() throws Exception {
        long deleted = position(2);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM eventstore.domain_event_entry WHERE global_index = ?",
                                                   deleted);
        jdbc.update("DELETE FROM eventstore.domain_event_entry WHERE global_index = ?", deleted);
        StoreVerifier.Result result = verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.failedPosition()).isEqualTo(deleted);
        assertThat(result.reason()).contains("missing from the store");
        // Put back under the same position as before: verifies again.
        jdbc.update("INSERT INTO eventstore.domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"),
                    row.get("event_identifier"), row.get("aggregate_identifier"), row.get("sequence_number"),
                    row.get("type"), row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"),
                    row.get("payload"), row.get("meta_data"));
        assertThat(verify().ok()).isTrue();
        // An event slipped in below the sealed position, at a position the sequence skipped (as a rolled-back
        // append leaves one): named.
        long gap = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('eventstore.domain_event_entry', "
                                               + "'global_index'))", Long.class);
        http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("customerEmail", "cy@example.com", "channel", "EMAIL", "subject", "s", "body", "b"))
            .exchange().expectStatus().isCreated();
        sealer.sealNow();
        assertThat(verify().sealedUpTo()).isGreaterThan(gap);
        jdbc.update("INSERT INTO eventstore.domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                            + "sequence_number, type, time_stamp, payload_type, payload) VALUES (?, 'forged', "
                            + "'forged', 0, 'Ticket', '2026-01-01T00:00:00Z', 'x', '\\x7b7d')", gap);
        try {
            StoreVerifier.Result slipped = verify();
            assertThat(slipped.failedPosition()).isEqualTo(gap);
            assertThat(slipped.reason()).contains("event forged").contains("is not in the seal");
        } finally {
            jdbc.update("DELETE FROM eventstore.domain_event_entry WHERE global_index = ?", gap);
        }
    }

    @Test
    void an_edit_with_the_stored_chain_rewritten_fails_at_its_signed_checkpoint() throws Exception {
        long edited = position(1);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM eventstore.domain_event_entry WHERE global_index = ?",
                                             byte[].class, edited);
        List<byte[]> links = jdbc.queryForList("SELECT chain_hash FROM eventstore.seal_link ORDER BY global_index",
                                               byte[].class);
        List<Map<String, Object>> checkpoints = jdbc.queryForList("SELECT * FROM eventstore.seal_checkpoint");
        // The app's own sealer would seal the forged history with the real key while the forger works.
        sealer.stop();
        try {
            jdbc.update("UPDATE eventstore.domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
                                + "'UTF8'), '\"channel\":\"EMAIL\"', '\"channel\":\"SMS\"'), 'UTF8') "
                                + "WHERE global_index = ?", edited);
            // The forger has the database, not the key: they recompute every link (as the sealer would) and
            // re-sign each checkpoint with a key of their own.
            jdbc.update("DELETE FROM eventstore.seal_link");
            jdbc.update("DELETE FROM eventstore.seal_checkpoint");
            String forgedKey = Base64.getEncoder().encodeToString(new byte[32]);
            Sealer forger = new Sealer(dataSource, SealKey.of(forgedKey), Duration.ZERO, Duration.ofHours(1));
            forger.sealNow();
            jdbc.update("UPDATE eventstore.seal_checkpoint SET key_id = ?", publicKey.keyId());
            StoreVerifier.Result result = verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.reason()).contains("signed checkpoint does not match");
            assertThat(result.failedPosition()).isGreaterThanOrEqualTo(edited);
        } finally {
            jdbc.update("UPDATE eventstore.domain_event_entry SET payload = ? WHERE global_index = ?", payload, edited);
            jdbc.update("DELETE FROM eventstore.seal_link");
            jdbc.update("DELETE FROM eventstore.seal_checkpoint");
            sealer.sealNow();
            sealer.start();
        }
        assertThat(links).isNotEmpty();
        assertThat(checkpoints).isNotEmpty();
        assertThat(verify().ok()).isTrue();
    }

    /** Events, links and checkpoints deleted together at the end: only a checkpoint kept elsewhere shows it. */
    @Test
    void a_history_cut_off_with_its_seal_fails_against_a_kept_checkpoint() throws Exception {
        sealer.stop();
        try {
            // One more pass, so that the last checkpoint has one before it to cut back to.
            http.post().uri("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerEmail", "dee@example.com", "channel", "EMAIL", "subject", "s", "body", "b"))
                .exchange().expectStatus().isCreated();
            sealer.sealNow();
            List<Map<String, Object>> lastTwo = jdbc.queryForList(
                    "SELECT global_index, chain_hash FROM eventstore.seal_checkpoint ORDER BY global_index DESC LIMIT 2");
            long position = ((Number) lastTwo.get(0).get("global_index")).longValue();
            long cutAfter = ((Number) lastTwo.get(1).get("global_index")).longValue();
            StoreVerifier.Kept kept = StoreVerifier.Kept.parse(position + ":"
                    + java.util.HexFormat.of().formatHex((byte[]) lastTwo.get(0).get("chain_hash")));
            List<Map<String, Object>> tail = jdbc.queryForList(
                    "SELECT * FROM eventstore.domain_event_entry WHERE global_index > ? ORDER BY global_index", cutAfter);
            List<Map<String, Object>> links = jdbc.queryForList(
                    "SELECT * FROM eventstore.seal_link WHERE global_index > ?", cutAfter);
            List<Map<String, Object>> checkpoints = jdbc.queryForList(
                    "SELECT * FROM eventstore.seal_checkpoint WHERE global_index > ?", cutAfter);
            try (Connection connection = dataSource.getConnection()) {
                assertThat(StoreVerifier.verify(connection, List.of(publicKey), List.of(kept)).ok()).isTrue();
            }
            jdbc.update("DELETE FROM eventstore.domain_event_entry WHERE global_index > ?", cutAfter);
            jdbc.update("DELETE FROM eventstore.seal_link WHERE global_index > ?", cutAfter);
            jdbc.update("DELETE FROM eventstore.seal_checkpoint WHERE global_index > ?", cutAfter);
            try {
                // On its own the store still looks whole ...
                assertThat(verify().ok()).isTrue();
                // ... but not against the checkpoint kept.
                try (Connection connection = dataSource.getConnection()) {
                    StoreVerifier.Result result = StoreVerifier.verify(connection, List.of(publicKey), List.of(kept));
                    assertThat(result.ok()).isFalse();
                    assertThat(result.reason()).contains("cut off");
                }
            } finally {
                insertAll("eventstore.domain_event_entry", tail);
                insertAll("eventstore.seal_link", links);
                insertAll("eventstore.seal_checkpoint", checkpoints);
            }
            assertThat(verify().ok()).isTrue();
        } finally {
            sealer.start();
        }
    }

    private void insertAll(String table, List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            List<String> columns = List.copyOf(row.keySet());
            jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")",
                        columns.stream().map(row::get).toArray());
        }
    }
}
