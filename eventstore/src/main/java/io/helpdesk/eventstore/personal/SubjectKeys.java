package io.helpdesk.eventstore.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Each subject's data key (a ticket's, a contact's: AES-256), in {@code eventstore.subject_key}, apart from the
 * events it encrypts. Erasing a subject deletes its key and keeps its row for good ({@link #ERASE}): what the key
 * encrypted can never be read again, while the events themselves stay as they were stored, and the subject never
 * gets a new key (personal data written about it later is stored already erased). Keys read from the table are cached for a few minutes (an erasure
 * evicts its subjects in this process at once, and in others when they read the erasure's event).
 */
public class SubjectKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Erases one subject's key (parameter: the subject), also one that never had a key. */
    public static final String ERASE = """
            INSERT INTO eventstore.subject_key (subject_id, secret, erased_at) VALUES (?, NULL, now())
            ON CONFLICT (subject_id) DO UPDATE SET secret = NULL, erased_at = COALESCE(subject_key.erased_at, now())""";

    private final DataSource dataSource;
    private final Cache<String, Optional<SecretKey>> cache = Caffeine.newBuilder()
                                                                     .maximumSize(200_000)
                                                                     .expireAfterWrite(Duration.ofMinutes(5))
                                                                     .build();

    public SubjectKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The subject's key; empty when it has none (it was erased, or nothing of it was ever encrypted). */
    public Optional<SecretKey> find(String subject) {
        return cache.get(subject, this::read);
    }

    private Optional<SecretKey> read(String subject) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT secret FROM eventstore.subject_key WHERE subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)).map(SubjectKeys::key) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the keys of personal data cannot be read", e);
        }
    }

    /**
     * The subject's key for encrypting in the transaction of {@code connection}, made now when it has none; empty
     * for an erased subject. A key made here is not cached until it is known to be committed (a rolled-back
     * append must not leave a key behind that another append then uses).
     */
    Optional<SecretKey> forAppend(Connection connection, String subject) throws SQLException {
        Optional<SecretKey> cached = cache.getIfPresent(subject);
        if (cached != null && cached.isPresent()) {
            return cached;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        // A racing append of the same new subject waits here for the other's commit, then reads its key.
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO eventstore.subject_key (subject_id, secret) VALUES (?, ?)
                ON CONFLICT (subject_id) DO NOTHING RETURNING secret""")) {
            insert.setString(1, subject);
            insert.setBytes(2, secret);
            try (ResultSet made = insert.executeQuery()) {
                if (made.next()) {
                    return Optional.of(key(made.getBytes(1)));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT secret FROM eventstore.subject_key WHERE subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the key of " + subject + " vanished while it was used");
                }
                Optional<SecretKey> key = Optional.ofNullable(row.getBytes(1)).map(SubjectKeys::key);
                cache.put(subject, key);
                return key;
            }
        }
    }

    /** Forgets the subjects' keys in this process (after their erasure). */
    public void evict(Iterable<String> subjects) {
        cache.invalidateAll(subjects);
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "AES");
    }
}
