package io.helpdesk.command.attachments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A file a message carries, as a client names it: the {@code sha256} an upload answered, and the name and type
 * to show (those of the upload when left out).
 */
public record AttachmentRef(@NotBlank @Pattern(regexp = "[0-9a-f]{64}") String sha256,
                            @Size(max = 255) String name,
                            @Size(max = 255) String contentType) {
}
