package io.helpdesk.eventstore.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The seal's hash chain over the event store, in global order (the README's "Sealed history" specifies it for
 * third-party verifiers; keep the two in step).
 * <ul>
 *   <li>An event's digest is SHA-256 over its stored columns, each as a field: {@code global_index},
 *   {@code event_identifier}, {@code type}, {@code aggregate_identifier}, {@code sequence_number},
 *   {@code payload_type}, {@code payload_revision}, {@code time_stamp}, {@code payload}, {@code meta_data}.
 *   Numbers are 8 bytes big-endian; text (UTF-8) and bytes are a 4-byte big-endian length and the bytes; a
 *   NULL is the length {@code 0xFFFFFFFF} and nothing.</li>
 *   <li>The chain starts at SHA-256 of the ASCII text {@code helpdesk-seal-v1}; each event's link is
 *   SHA-256(previous link || digest), 32 bytes each.</li>
 *   <li>A checkpoint signs (Ed25519) the bytes: ASCII {@code helpdesk-seal-v1}, the position (8 bytes), the
 *   number of events sealed up to it (8 bytes) and the link at that position (32 bytes).</li>
 * </ul>
 */
public final class SealChain {

    static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier, sequence_number, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data";

    private static final byte[] VERSION = "helpdesk-seal-v1".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private byte[] link;
    private long events;

    private SealChain(byte[] link, long events) {
        this.sha256 = sha256();
        this.link = link;
        this.events = events;
    }

    /** The chain before any event. */
    public static SealChain start() {
        return new SealChain(sha256().digest(VERSION), 0);
    }

    /** The chain as it stood after {@code events} events, whose last link was {@code link}. */
    static SealChain resume(byte[] link, long events) {
        return new SealChain(link.clone(), events);
    }

    /** Adds the event at the row's position (the row holds {@link #COLUMNS}) and returns its link. */
    byte[] add(ResultSet row) throws SQLException {
        ByteBuffer number = ByteBuffer.allocate(8);
        sha256.update(number.putLong(0, row.getLong("global_index")).array());
        text(row.getString("event_identifier"));
        text(row.getString("type"));
        text(row.getString("aggregate_identifier"));
        sha256.update(number.putLong(0, row.getLong("sequence_number")).array());
        text(row.getString("payload_type"));
        text(row.getString("payload_revision"));
        text(row.getString("time_stamp"));
        bytes(row.getBytes("payload"));
        bytes(row.getBytes("meta_data"));
        byte[] digest = sha256.digest();
        sha256.update(link);
        sha256.update(digest);
        link = sha256.digest();
        events++;
        return link.clone();
    }

    public byte[] link() {
        return link.clone();
    }

    public long events() {
        return events;
    }

    /** The bytes a checkpoint at {@code position} signs. */
    static byte[] checkpointMessage(long position, long events, byte[] link) {
        return ByteBuffer.allocate(VERSION.length + 16 + link.length).put(VERSION).putLong(position)
                         .putLong(events).put(link).array();
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        ByteBuffer length = ByteBuffer.allocate(4).putInt(0, value == null ? -1 : value.length);
        sha256.update(length.array());
        if (value != null) {
            sha256.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
