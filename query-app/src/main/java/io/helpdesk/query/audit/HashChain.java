package io.helpdesk.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit export's tamper evidence: each record's hash is SHA-256 over the previous record's hash (hex) and
 * the record's own canonical bytes; the first record chains to 64 zeros. Changing, removing, inserting or
 * reordering any record changes every hash after it, and the final hash that ends the export.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private final MessageDigest sha256;
    private String last = GENESIS;
    private long records;

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Chains the canonical record and returns its hash. */
    public String next(String canonical) {
        sha256.update(last.getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
        last = HexFormat.of().formatHex(sha256.digest());
        records++;
        return last;
    }

    public String last() {
        return last;
    }

    public long records() {
        return records;
    }
}
