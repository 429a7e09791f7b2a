package io.helpdesk.eventstore.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each subject's data key (a ticket's, a contact's: AES-256), in {@code eventstore.subject_key}, apart from the
 * events it encrypts. Erasing a subject deletes its key and keeps its row for good ({@link #ERASE}): what the key
 * encrypted can never be read again, while the events themselves stay as they were stored, and the subject never
 * gets a new key (personal data written about it later is stored already erased). Committed keys are cached for
 * a few minutes (an erasure evicts its subjects in this process at once, and in others when they read the
 * erasure's event; what another instance still encrypts with an erased key cannot be read either).
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

    /**
     * The subject's key; empty when it has none (it was erased, or nothing of it was encrypted yet). Only what is
     * committed is cached: a key, or an erasure; a subject without a row is asked for again next time.
     */
    public Optional<SecretKey> find(String subject) {
        Optional<SecretKey> cached = cache.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        Optional<SecretKey> stored = read(subject);
        if (stored != null) {
            cache.put(subject, stored);
            return stored;
        }
        return Optional.empty();
    }

    /** The stored key (empty for an erased subject), or null when the subject has no row. */
    private Optional<SecretKey> read(String subject) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT secret FROM eventstore.subject_key WHERE subject_id = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)).map(SubjectKeys::key) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the keys of personal data cannot be read", e);
        }
    }

    /**
     * The subject's key for encrypting in the transaction of {@code connection}, made now when it has none; empty
     * for an erased subject. What the transaction made or read is kept for its other values and cached only once
     * it is committed: a key of a rolled-back append must never be used again (events encrypted with it would be
     * stored while the table holds another key, or none).
     */
    Optional<SecretKey> forAppend(Connection connection, String subject) throws SQLException {
        Optional<SecretKey> cached = cache.getIfPresent(subject);
        if (cached != null && cached.isPresent()) {
            return cached;
        }
        Map<String, Optional<SecretKey>> ofTransaction = ofTransaction();
        Optional<SecretKey> known = ofTransaction.get(subject);
        if (known != null) {
            return known;
        }
        Optional<SecretKey> key = makeOrRead(connection, subject);
        ofTransaction.put(subject, key);
        return key;
    }

    private Optional<SecretKey> makeOrRead(Connection connection, String subject) throws SQLException {
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
                return Optional.ofNullable(row.getBytes(1)).map(SubjectKeys::key);
            }
        }
    }

    /**
     * The keys the current transaction made or read, put in the cache when it commits and forgotten when it rolls
     * back; without a transaction, nothing is kept.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Optional<SecretKey>> ofTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Map<String, Optional<SecretKey>> keys =
                (Map<String, Optional<SecretKey>>) TransactionSynchronizationManager.getResource(this);
        if (keys == null) {
            Map<String, Optional<SecretKey>> made = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SubjectKeys.this);
                    if (status == STATUS_COMMITTED) {
                        cache.putAll(made);
                    }
                }
            });
            keys = made;
        }
        return keys;
    }

    /** Forgets the subjects' keys in this process (after their erasure). */
    public void evict(Iterable<String> subjects) {
        cache.invalidateAll(subjects);
    }

    private static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "AES");
    }
}
