package io.helpdesk.command.attachments;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of attachments live, each file once, named by the SHA-256 of its content. PostgreSQL
 * ({@link PostgresAttachmentStore}) is the one the product ships; a file system or an S3-compatible store would
 * implement this.
 */
public interface AttachmentStore {

    /** What the store holds of a file: its hash and size, and the name and type it was first stored with. */
    record Stored(String sha256, long size, String name, String contentType) {
    }

    /**
     * Stores the file's bytes unless the store has them already; answers their hash and size, with the name and
     * type given.
     */
    Stored put(Path file, String name, String contentType);

    /** The stored file with this hash, if the store has it. */
    Optional<Stored> find(String sha256);

    /**
     * The bytes of the file with this hash, if the store has it, after checking that they still hash to it.
     *
     * @throws Damaged when they do not
     */
    Optional<byte[]> read(String sha256);

    /** Stored bytes that no longer hash to their name: the store was changed behind the product's back. */
    final class Damaged extends RuntimeException {

        public Damaged(String sha256, String actual) {
            super("the stored file " + sha256 + " is damaged: its bytes hash to " + actual);
        }
    }
}
