package io.helpdesk.eventstore.seal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the event store against its seal: recomputes the chain over every event in global order, compares it
 * with each stored link and checks each checkpoint's signature with the public keys given, and names the first
 * event that no longer matches. {@code java -jar command-app-*-exec.jar verify-store} (database from the
 * {@code DB_*} variables, keys from {@code SEAL_PUBLIC_KEYS} or {@code --public-key=}). Exit code 0 when the
 * store verifies, 1 when it does not, 2 when it cannot be checked.
 */
public final class StoreVerifier {

    private StoreVerifier() {
    }

    /** The verdict, with what was checked. */
    public record Result(boolean ok, long events, long sealedUpTo, long checkpoints, long unsealed,
                         Long failedPosition, String reason) {

        @Override
        public String toString() {
            return ok ? "OK: " + events + " events sealed up to position " + sealedUpTo + ", " + checkpoints
                    + " signed checkpoints verified" + (unsealed == 0 ? "" : "; " + unsealed
                    + " newer events not sealed yet")
                    : "FAILED at position " + failedPosition + ": " + reason;
        }
    }

    /**
     * A checkpoint kept outside the database (from {@code GET /api/admin/seal} or an earlier run): the store's
     * chain must reach {@code position} with this link, which shows a history cut off at its end together with
     * its seal.
     */
    public record Kept(long position, byte[] link) {

        /** {@code POSITION:HEX}, as {@code --expect=} takes it. */
        public static Kept parse(String text) {
            int colon = text.indexOf(':');
            try {
                return new Kept(Long.parseLong(text.substring(0, colon)),
                                java.util.HexFormat.of().parseHex(text.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--expect takes POSITION:CHAINHASH (hex), not " + text);
            }
        }
    }

    public static void main(String[] args) {
        String keys = System.getenv().getOrDefault("SEAL_PUBLIC_KEYS", "");
        List<Kept> kept = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--public-key=")) {
                keys = keys.isBlank() ? arg.substring(13) : keys + "," + arg.substring(13);
            } else if (arg.startsWith("--expect=")) {
                try {
                    kept.add(Kept.parse(arg.substring(9)));
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    System.exit(2);
                }
            } else {
                System.err.println("usage: verify-store [--public-key=BASE64]... [--expect=POSITION:CHAINHASH]... "
                                           + "(or SEAL_PUBLIC_KEYS=k1,k2)");
                System.exit(2);
            }
        }
        if (keys.isBlank() && System.getenv("SEAL_PRIVATE_KEY") != null) {
            keys = SealKey.of(System.getenv("SEAL_PRIVATE_KEY")).verifier().publicKey();
        }
        if (keys.isBlank()) {
            System.err.println("no public key: give --public-key=BASE64 or SEAL_PUBLIC_KEYS (GET /api/admin/seal "
                                       + "and the app's start-up log name it)");
            System.exit(2);
        }
        String url = "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/"
                + env("DB_NAME", "helpdesk");
        try (Connection connection = DriverManager.getConnection(url, env("DB_USER", "helpdesk"),
                                                                 env("DB_PASSWORD", "helpdesk"))) {
            Result result = verify(connection, Arrays.stream(keys.split(",")).map(String::trim)
                                                     .filter(k -> !k.isEmpty()).map(SealKey.Verifier::of).toList(),
                                   kept);
            System.out.println(result);
            System.exit(result.ok() ? 0 : 1);
        } catch (SQLException | IllegalArgumentException e) {
            System.err.println("cannot check the store: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    public static Result verify(Connection connection, List<SealKey.Verifier> keys) throws SQLException {
        return verify(connection, keys, List.of());
    }

    /** Reads the whole store once, in order, in pages of a cursor; the chain must pass each kept checkpoint. */
    public static Result verify(Connection connection, List<SealKey.Verifier> keys, List<Kept> kept)
            throws SQLException {
        Map<Long, byte[]> expected = new HashMap<>();
        kept.forEach(checkpoint -> expected.put(checkpoint.position(), checkpoint.link()));
        Map<String, SealKey.Verifier> byId = new HashMap<>();
        keys.forEach(key -> byId.put(key.keyId(), key));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT e.global_index IS NOT NULL AS stored, l.global_index AS link_index, l.chain_hash AS link,
                       c.global_index AS checkpoint_index, c.events AS checkpoint_events,
                       c.chain_hash AS checkpoint_link, c.key_id, c.signature,
                       coalesce(e.global_index, l.global_index, c.global_index) AS position,
                       e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number, e.payload_type,
                       e.payload_revision, e.time_stamp, e.payload, e.meta_data,
                       e.global_index
                FROM (SELECT * FROM eventstore.domain_event_entry WHERE global_index > ? AND global_index <= ?) e
                FULL JOIN (SELECT global_index, chain_hash FROM eventstore.seal_link
                           WHERE global_index > ? AND global_index <= ?) l ON l.global_index = e.global_index
                FULL JOIN (SELECT * FROM eventstore.seal_checkpoint WHERE global_index > ? AND global_index <= ?) c
                     ON c.global_index = coalesce(e.global_index, l.global_index)
                ORDER BY position""")) {
            query.setFetchSize(1_000);
            long sealedUpTo = sealedUpTo(connection);
            long highest = highest(connection);
            SealChain chain = SealChain.start();
            long checkpoints = 0;
            long lastCheckpoint = 0;
            long unsealed = 0;
            // In windows of positions: each window's rows are joined and put in order in memory, where one
            // statement over the whole store had the database sort every event, payloads and all.
            for (long from = 0; from < highest; from += WINDOW) {
                for (int pair = 0; pair < 3; pair++) {
                    query.setLong(2 * pair + 1, from);
                    query.setLong(2 * pair + 2, from + WINDOW);
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        long position = row.getLong("position");
                        boolean stored = row.getBoolean("stored");
                        boolean linked = row.getObject("link_index") != null;
                        if (row.getObject("checkpoint_index") != null && !linked) {
                            return failed(chain, sealedUpTo, checkpoints, position, "a checkpoint without a sealed "
                                    + "event: the seal was changed");
                        }
                        if (!linked) {
                            if (position <= sealedUpTo) {
                                return failed(chain, sealedUpTo, checkpoints, position, describe(row)
                                        + " is not in the seal: it was written into the sealed history afterwards");
                            }
                            unsealed++;
                            continue;
                        }
                        if (!stored) {
                            return failed(chain, sealedUpTo, checkpoints, position, "the sealed event at this "
                                    + "position is missing from the store: it was deleted");
                        }
                        byte[] link = chain.add(row);
                        byte[] keptLink = expected.remove(position);
                        if (keptLink != null && !Arrays.equals(keptLink, link)) {
                            return failed(chain, sealedUpTo, checkpoints, position, "the chain at this position is not "
                                    + "the one in the checkpoint you kept: the history up to here was changed");
                        }
                        if (!Arrays.equals(link, row.getBytes("link"))) {
                            return failed(chain, sealedUpTo, checkpoints, position, describe(row)
                                    + " does not match the seal: it was changed after it was sealed"
                                    + (lastCheckpoint == 0 ? "" : " (or an event after position " + lastCheckpoint
                                    + ")"));
                        }
                        if (row.getObject("checkpoint_index") != null) {
                            SealKey.Verifier key = byId.get(row.getString("key_id"));
                            String range = "an event after position " + lastCheckpoint + " and up to " + position;
                            if (key == null) {
                                return failed(chain, sealedUpTo, checkpoints, position, "the checkpoint is signed "
                                        + "with key " + row.getString("key_id")
                                        + ", which is not among the keys given");
                            }
                            if (row.getLong("checkpoint_events") != chain.events()
                                    || !Arrays.equals(link, row.getBytes("checkpoint_link"))
                                    || !key.verifies(SealChain.checkpointMessage(position, chain.events(), link),
                                                     row.getBytes("signature"))) {
                                return failed(chain, sealedUpTo, checkpoints, position, "the signed checkpoint does "
                                        + "not match: " + range + " was changed and the stored seal rewritten");
                            }
                            checkpoints++;
                            lastCheckpoint = position;
                        }
                    }
                }
            }
            if (!expected.isEmpty()) {
                long position = expected.keySet().stream().min(Long::compare).orElseThrow();
                return failed(chain, sealedUpTo, checkpoints, position, "the checkpoint you kept is at this position, "
                        + "and the store's sealed history "
                        + (position > sealedUpTo ? "ends before it (at " + sealedUpTo + "): it was cut off"
                                                 : "has no event there: it was changed"));
            }
            if (lastCheckpoint != sealedUpTo) {
                return failed(chain, sealedUpTo, checkpoints, sealedUpTo, "the seal goes on past its last signed "
                        + "checkpoint (" + lastCheckpoint + "): the seal was changed");
            }
            return new Result(true, chain.events(), sealedUpTo, checkpoints, unsealed, null, null);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static final long WINDOW = 10_000;

    private static long highest(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT greatest((SELECT coalesce(max(global_index), 0) FROM eventstore.domain_event_entry),
                                (SELECT coalesce(max(global_index), 0) FROM eventstore.seal_link),
                                (SELECT coalesce(max(global_index), 0) FROM eventstore.seal_checkpoint))""");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long sealedUpTo(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(max(global_index), 0) FROM eventstore.seal_link");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String describe(ResultSet row) throws SQLException {
        return "event " + row.getString("event_identifier") + " (" + row.getString("type") + " "
                + row.getString("aggregate_identifier") + " #" + row.getLong("sequence_number") + ", "
                + row.getString("payload_type") + ")";
    }

    private static Result failed(SealChain chain, long sealedUpTo, long checkpoints, long position, String reason) {
        return new Result(false, chain.events(), sealedUpTo, checkpoints, 0, position, reason);
    }
}
