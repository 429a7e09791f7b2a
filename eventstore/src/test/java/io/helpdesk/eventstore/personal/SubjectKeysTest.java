package io.helpdesk.eventstore.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys in the real table. Found by a long random command sequence: a subject erased and then written about again
 * (messages of an erased ticket moved by a merge) got a new key, under which its earlier ciphertexts failed to
 * decrypt as if changed in the store, and every reader of them stopped. An erased subject now never gets a key.
 */
class SubjectKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = TicketOpened.class.getName();
    private static final byte[] OPENED = """
            {"ticketId":"t1","customerEmail":"ana@example.com","customerName":"Ana","channel":"EMAIL",
             "subject":"Refund","body":"My IBAN is DE00","importance":null,"priority":"P2","externalMessageId":"m1",
             "attachments":[{"sha256":"ab","name":"id.pdf","size":3,"contentType":"application/pdf"}],
             "contactId":"c-1"}""".getBytes(StandardCharsets.UTF_8);

    @Test
    void an_erased_subject_never_gets_a_new_key_and_what_is_written_about_it_later_is_stored_erased() throws Exception {
        DriverManagerDataSource dataSource = migratedDatabase();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        SubjectKeys keys = new SubjectKeys(dataSource);
        PersonalData personal = new PersonalData(keys);

        byte[] before = seal(personal, dataSource, "t1");
        assertThat(open(personal, before).path("customerEmail").asText()).isEqualTo("ana@example.com");

        jdbc.update(SubjectKeys.ERASE, "t1");
        keys.evict(List.of("t1"));
        byte[] after = seal(personal, dataSource, "t1");
        String stored = new String(after, StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(PersonalData.PREFIX).doesNotContain("ana@example.com")
                          .doesNotContain("DE00").contains(PersonalFields.ERASED);
        for (byte[] event : List.of(before, after)) {
            JsonNode read = open(personal, event);
            assertThat(read.path("customerEmail").asText()).isEqualTo(PersonalFields.ERASED);
            assertThat(read.path("body").asText()).isEqualTo(PersonalFields.ERASED);
            assertThat(read.path("attachments")).isEmpty();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM eventstore.subject_key WHERE subject_id = 't1' "
                                               + "AND secret IS NULL AND erased_at IS NOT NULL", Long.class))
                .isEqualTo(1);

        // A subject erased before anything of it was encrypted (a blocked sender's) gets no key either.
        jdbc.update(SubjectKeys.ERASE, "sender-1");
        assertThat(new String(seal(personal, dataSource, "sender-1"), StandardCharsets.UTF_8))
                .doesNotContain(PersonalData.PREFIX).doesNotContain("ana@example.com");
        // Erasing again changes nothing.
        jdbc.update(SubjectKeys.ERASE, "t1");
        assertThat(open(personal, before).path("customerEmail").asText()).isEqualTo(PersonalFields.ERASED);
    }

    /**
     * Found by a long random command sequence too: the second personal field of an event cached the key its
     * transaction had just made; that transaction rolled back (the command was retried), the retry encrypted with
     * the cached key and never stored it, and a later append made another, under which the ticket's first event
     * did not decrypt.
     */
    @Test
    void a_key_made_in_a_transaction_that_rolls_back_is_never_used_again() throws Exception {
        DriverManagerDataSource dataSource = migratedDatabase();
        SubjectKeys keys = new SubjectKeys(dataSource);
        PersonalData personal = new PersonalData(keys);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transactions.executeWithoutResult(status -> {
            sealInTransaction(personal, dataSource, "t2");
            status.setRollbackOnly();
        });
        byte[] stored = transactions.execute(status -> sealInTransaction(personal, dataSource, "t2"));

        // Another process (a fresh cache) and this one read it back.
        for (SubjectKeys reader : List.of(new SubjectKeys(dataSource), keys)) {
            JsonNode read = JSON.readTree(stored);
            new PersonalData(reader).open(TYPE, "t2", read);
            assertThat(read.path("customerEmail").asText()).isEqualTo("ana@example.com");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM eventstore.subject_key WHERE subject_id = 't2'", Long.class)).isEqualTo(1);
    }

    /** A new database with the event store's schema. */
    private static DriverManagerDataSource migratedDatabase() {
        TestDatabase.Database database = TestDatabase.create();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.user(),
                                                                         database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
              .table("flyway_eventstore_history").load().migrate();
        return dataSource;
    }

    private static byte[] sealInTransaction(PersonalData personal, DriverManagerDataSource dataSource, String subject) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return personal.seal(TYPE, subject, OPENED.clone(), connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static byte[] seal(PersonalData personal, DriverManagerDataSource dataSource, String subject)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return personal.seal(TYPE, subject, OPENED.clone(), connection);
        }
    }

    private static JsonNode open(PersonalData personal, byte[] stored) throws Exception {
        JsonNode read = JSON.readTree(stored);
        personal.open(TYPE, "t1", read);
        return read;
    }
}
