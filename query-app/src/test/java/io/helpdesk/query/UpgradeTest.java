package io.helpdesk.query;

import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.eventstore.testing.PgTools;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.InputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The previous release's database, with its data, taken over by this release: the database a release wrote
 * (events, seal, keys, tokens, read models, lookups; a seeded random sequence of commands with erasures, written
 * by {@code RandomCommandSequencesTest#write_the_upgrade_fixture} on that release's checkout and kept as a gzipped
 * SQL dump) is loaded, and both apps of this release start on it. Flyway takes both schema histories forward with
 * nothing left pending; the events stay as they were, byte for byte; every one of them reads with this release's
 * classes and upcasters; the store verifies against the seal; old tickets take new commands; and every read
 * model, carried over as the old release projected it, equals a rebuild by this one.
 */
class UpgradeTest {

    /** The release the fixture comes from: its commit. Replace the fixture with each release. */
    private static final String PREVIOUS_RELEASE = "0283aff";

    private static final String EVENTS_DIGEST = """
            SELECT count(*) || ' events, md5 ' || md5(string_agg(concat_ws('|', global_index, event_identifier,
                   aggregate_identifier, sequence_number, type, payload_type, payload_revision,
                   encode(payload, 'hex'), encode(meta_data, 'hex'), time_stamp), ',' ORDER BY global_index))
            FROM eventstore.domain_event_entry WHERE global_index <= ?""";

    @Test
    void the_previous_releases_database_upgrades_and_everything_in_it_reads_and_rebuilds_the_same() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        try (InputStream dump = getClass().getResourceAsStream("/upgrade/release-" + PREVIOUS_RELEASE + ".sql.gz")) {
            assertThat(dump).as("the previous release's fixture").isNotNull();
            PgTools.load(dump, database);
        }
        JdbcTemplate old = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.user(),
                                                                        database.password()));
        long last = old.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        String before = old.queryForObject(EVENTS_DIGEST, String.class, last);
        List<String> oldTickets = old.queryForList("SELECT ticket_id FROM readmodel.inbox_ticket ORDER BY ticket_id",
                                                   String.class);
        assertThat(oldTickets).as("tickets in the fixture").isNotEmpty();

        try (TwoApps apps = new TwoApps(database, true)) {
            for (String[] history : new String[][] {{"db/eventstore", "flyway_eventstore_history"},
                                                    {"db/readmodel", "flyway_readmodel_history"}}) {
                MigrationInfo[] all = Flyway.configure()
                                            .dataSource(database.jdbcUrl(), database.user(), database.password())
                                            .locations("classpath:" + history[0]).table(history[1])
                                            .load().info().all();
                assertThat(Arrays.stream(all).filter(m -> !m.getState().isApplied()).map(MigrationInfo::getScript))
                        .as("migrations of %s not applied", history[0]).isEmpty();
                assertThat(Arrays.stream(all).filter(m -> m.getState().isFailed()).map(MigrationInfo::getScript))
                        .as("migrations of %s failed", history[0]).isEmpty();
            }
            assertThat(old.queryForObject(EVENTS_DIGEST, String.class, last)).as("the events").isEqualTo(before);
            // Subjects the old release erased by deleting their keys keep an erased row now (V10).
            assertThat(old.queryForList("""
                    SELECT e.aggregate_identifier FROM eventstore.domain_event_entry e
                    WHERE e.payload_type IN ('io.helpdesk.domain.ticket.TicketErased',
                                             'io.helpdesk.domain.contact.ContactErased')
                      AND NOT EXISTS (SELECT 1 FROM eventstore.subject_key k
                                      WHERE k.subject_id = e.aggregate_identifier AND k.secret IS NULL)""",
                                        String.class)).as("erased subjects without an erased key row").isEmpty();
            assertThat(old.queryForObject("SELECT count(*) FROM eventstore.subject_key WHERE secret IS NULL",
                                          Long.class)).as("erased key rows").isPositive();

            // Every event, read back through this release's event store: deserialized and upcast.
            List<String> unreadable = new ArrayList<>();
            long read = 0;
            try (BlockingStream<TrackedEventMessage<?>> stream = apps.queryBean(EventStore.class).openStream(null)) {
                while (read < last && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    try {
                        event.getPayload();
                        read++;
                    } catch (RuntimeException e) {
                        unreadable.add(event.getIdentifier() + ": " + e);
                        read++;
                    }
                }
            }
            assertThat(unreadable).as("events this release cannot read").isEmpty();
            assertThat(read).as("events read").isGreaterThanOrEqualTo(
                    old.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry WHERE global_index <= ?",
                                       Long.class, last));

            try (Connection connection = database.connect()) {
                StoreVerifier.Result sealed = StoreVerifier.verify(
                        connection, List.of(SealKey.of(TestTokens.SEAL_KEY).verifier()));
                assertThat(sealed.ok()).as("the store against the seal: %s", sealed).isTrue();
            }

            // Old tickets take new commands (a closed or erased one may refuse with 409, never with 5xx).
            int taken = 0;
            for (String ticket : oldTickets) {
                int status = apps.commands().post().uri("/api/tickets/{id}/notes", ticket)
                                 .bodyValue(Map.of("body", "after the upgrade")).exchange()
                                 .returnResult(String.class).getStatus().value();
                assertThat(status).as("a note on %s", ticket).isIn(201, 409);
                taken += status == 201 ? 1 : 0;
            }
            assertThat(taken).as("old tickets that took a note").isPositive();
            apps.command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", "new@example.com",
                                                                 "channel", "EMAIL", "subject", "After the upgrade",
                                                                 "body", "hello"), 201);

            long head = apps.settled();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(
                    () -> apps.queries().get().uri("/api/admin/processors").header("X-Min-Position", String.valueOf(head))
                              .exchange().returnResult(String.class).getResponseHeaders()
                              .getFirst("X-Read-Model-Stale") == null);
            for (String readModel : ReadModelRows.READ_MODELS) {
                var carried = ReadModelRows.of(apps.jdbc(), readModel);
                var done = io.helpdesk.query.admin.RebuildRuns.rebuild(apps.queries(), readModel);
                assertThat(done.path("state").asText()).as(readModel + " " + done).isEqualTo("DONE");
                assertThat(ReadModelRows.differences(readModel, carried, ReadModelRows.of(apps.jdbc(), readModel)))
                        .as("%s carried over from %s and then rebuilt", readModel, PREVIOUS_RELEASE).isEmpty();
            }
        }
    }
}
