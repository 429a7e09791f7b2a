package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A file on a message, as events carry it: the SHA-256 of its bytes (the attachment store's key, lower-case
 * hex), its name, its size in bytes and its media type. Never the bytes themselves.
 */
public record Attachment(String sha256, String name, long size, String contentType) {

    /** Files on one message at most. */
    public static final int MAX_PER_MESSAGE = 20;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Attachment {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new InvalidInput("sha256", "must be 64 lower-case hexadecimal digits");
        }
        Require.text(name, "name", 255);
        if (size < 0) {
            throw new InvalidInput("size", "must not be negative");
        }
        Require.text(contentType, "contentType", 255);
    }

    /** A message's files: none when not given; at most {@link #MAX_PER_MESSAGE}, none missing. */
    static List<Attachment> list(List<Attachment> attachments, String field) {
        if (attachments == null) {
            return List.of();
        }
        if (attachments.size() > MAX_PER_MESSAGE) {
            throw new InvalidInput(field, "must hold at most " + MAX_PER_MESSAGE + " files");
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i) == null) {
                throw new InvalidInput(field + "[" + i + "]", "is required");
            }
        }
        return List.copyOf(attachments);
    }

    /** The files of an event: none for events written before messages had files. */
    static List<Attachment> of(List<Attachment> attachments) {
        return attachments == null ? List.of() : List.copyOf(attachments);
    }
}
