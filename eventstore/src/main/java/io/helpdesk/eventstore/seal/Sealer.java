package io.helpdesk.eventstore.seal;

import io.helpdesk.eventstore.StoredTimestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seals the history as it is written: every few seconds it extends the {@link SealChain} over the events past
 * the gap window (an event younger than that may still have a lower position than one not yet committed), keeps
 * each event's link in {@code eventstore.seal_link} and ends each pass with a checkpoint signed by the
 * {@link SealKey}, all in one transaction. One instance seals at a time (a transaction-scoped advisory lock);
 * the others find the lock taken and wait for their next turn.
 */
public final class Sealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);

    /** The advisory lock only a sealing transaction takes ("SEAL" in ASCII). */
    private static final long LOCK = 0x5345414CL;
    private static final int BATCH = 5_000;

    private final DataSource dataSource;
    private final SealKey key;
    private final Duration window;
    private final Duration interval;
    private ScheduledExecutorService schedule;
    private volatile String refusal;

    public Sealer(DataSource dataSource, SealKey key, Duration window, Duration interval) {
        this.dataSource = dataSource;
        this.key = key;
        this.window = window;
        this.interval = interval;
    }

    /** Seals every event past the window; returns how many it sealed (0 when another instance holds the lock). */
    public synchronized long sealNow() throws SQLException {
        long sealed = 0;
        int pass;
        do {
            pass = pass();
            sealed += pass;
        } while (pass == BATCH);
        return sealed;
    }

    private int pass() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sealed = pass(connection);
                connection.commit();
                return sealed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private int pass(Connection connection) throws SQLException {
        Instant now;
        try (Statement statement = connection.createStatement();
             ResultSet lock = statement.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK + "), now()")) {
            lock.next();
            if (!lock.getBoolean(1)) {
                return 0;
            }
            now = lock.getObject(2, OffsetDateTime.class).toInstant();
        }
        SealChain chain;
        long after;
        try (Statement statement = connection.createStatement();
             ResultSet last = statement.executeQuery("""
                     SELECT l.global_index, l.chain_hash, c.global_index, c.events
                     FROM (SELECT global_index, chain_hash FROM eventstore.seal_link
                           ORDER BY global_index DESC LIMIT 1) l
                     FULL JOIN (SELECT global_index, events FROM eventstore.seal_checkpoint
                                ORDER BY global_index DESC LIMIT 1) c ON true""")) {
            if (!last.next()) {
                chain = SealChain.start();
                after = 0;
            } else {
                long link = last.getLong(1);
                long checkpoint = last.getLong(3);
                if (last.getObject(1) == null || last.getObject(3) == null || link != checkpoint) {
                    refuse("the seal's last link (" + last.getObject(1) + ") and last checkpoint ("
                                   + last.getObject(3) + ") differ; run verify-store");
                    return 0;
                }
                chain = SealChain.resume(last.getBytes(2), last.getLong(4));
                after = link;
            }
        }
        Instant settled = now.minus(window);
        int sealed = 0;
        long position = after;
        try (PreparedStatement events = connection.prepareStatement(
                "SELECT " + SealChain.COLUMNS + " FROM eventstore.domain_event_entry WHERE global_index > ? "
                        + "ORDER BY global_index LIMIT " + BATCH);
             PreparedStatement links = connection.prepareStatement(
                     "INSERT INTO eventstore.seal_link (global_index, chain_hash) VALUES (?, ?)")) {
            events.setLong(1, after);
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    if (!StoredTimestamps.parse(rows.getString("time_stamp")).isBefore(settled)) {
                        break;
                    }
                    position = rows.getLong("global_index");
                    links.setLong(1, position);
                    links.setBytes(2, chain.add(rows));
                    links.addBatch();
                    sealed++;
                }
            }
            if (sealed == 0) {
                return 0;
            }
            links.executeBatch();
        }
        byte[] link = chain.link();
        try (PreparedStatement checkpoint = connection.prepareStatement(
                "INSERT INTO eventstore.seal_checkpoint (global_index, events, chain_hash, key_id, signature, "
                        + "sealed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            checkpoint.setLong(1, position);
            checkpoint.setLong(2, chain.events());
            checkpoint.setBytes(3, link);
            checkpoint.setString(4, key.keyId());
            checkpoint.setBytes(5, key.sign(SealChain.checkpointMessage(position, chain.events(), link)));
            checkpoint.setTimestamp(6, Timestamp.from(now));
            checkpoint.executeUpdate();
        }
        refusal = null;
        return sealed;
    }

    private void refuse(String why) {
        if (!why.equals(refusal)) {
            log.error("The history is not sealed further: {}", why);
        }
        refusal = why;
    }

    /** Why sealing stopped, or null while it goes on. */
    public String refusal() {
        return refusal;
    }

    public SealKey key() {
        return key;
    }

    @Override
    public void start() {
        log.info("Sealing the history with key {} (public key {})", key.keyId(), key.verifier().publicKey());
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "history-sealer");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            try {
                sealNow();
            } catch (SQLException | RuntimeException e) {
                // The database is away or busy: the next turn continues where this one stopped.
                log.warn("Sealing the history failed for now: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
