package io.helpdesk.eventstore.seal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/** ADMIN: how far the history is sealed, its last signed checkpoint, and the public key that verifies it. */
@RestController
public class SealEndpoint {

    /**
     * @param sealedUpTo the position of the last sealed event (0 before the first)
     * @param events     events sealed
     * @param unsealed   newer events, still inside the gap window or waiting for the next turn
     * @param checkpoint the last signed checkpoint, null before the first
     * @param keyId      the id of the key this app signs with
     * @param publicKey  base64 of that key's 32-byte Ed25519 public key: what {@code verify-store} and
     *                   {@code verify-export} take; keep a copy outside this system
     * @param stopped    why sealing stopped (the stored seal no longer fits together), or null
     */
    public record Status(long sealedUpTo, long events, long unsealed, Checkpoint checkpoint, String keyId,
                         String publicKey, String stopped) {
    }

    /** A signed checkpoint as stored: position, events up to it, the chain's link there (hex), key, signature. */
    public record Checkpoint(long position, long events, String chainHash, String keyId, String signature,
                             Instant sealedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Sealer sealer;

    public SealEndpoint(JdbcTemplate jdbc, Sealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    @GetMapping("/api/admin/seal")
    public Mono<Status> status() {
        return Mono.fromCallable(this::read).subscribeOn(Schedulers.boundedElastic());
    }

    private Status read() {
        Checkpoint checkpoint = jdbc.query("""
                SELECT global_index, events, chain_hash, key_id, signature, sealed_at
                FROM eventstore.seal_checkpoint ORDER BY global_index DESC LIMIT 1""",
                rows -> rows.next() ? new Checkpoint(
                        rows.getLong(1), rows.getLong(2), HexFormat.of().formatHex(rows.getBytes(3)),
                        rows.getString(4), java.util.Base64.getEncoder().encodeToString(rows.getBytes(5)),
                        rows.getObject(6, OffsetDateTime.class).toInstant()) : null);
        long sealedUpTo = checkpoint == null ? 0 : checkpoint.position();
        Long unsealed = jdbc.queryForObject(
                "SELECT count(*) FROM eventstore.domain_event_entry WHERE global_index > ?", Long.class, sealedUpTo);
        SealKey key = sealer.key();
        return new Status(sealedUpTo, checkpoint == null ? 0 : checkpoint.events(), unsealed == null ? 0 : unsealed,
                          checkpoint, key.keyId(), key.verifier().publicKey(), sealer.refusal());
    }
}
