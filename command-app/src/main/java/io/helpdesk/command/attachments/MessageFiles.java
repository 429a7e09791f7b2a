package io.helpdesk.command.attachments;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.ticket.Attachment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;

/**
 * The files a command's message carries, from the references a client sent: each must name a stored file (400
 * naming the reference otherwise), and together they must stay within the per-message limit (413).
 */
@Component
public class MessageFiles {

    private final AttachmentStore store;
    private final Uploads uploads;

    MessageFiles(AttachmentStore store, Uploads uploads) {
        this.store = store;
        this.uploads = uploads;
    }

    public Mono<List<Attachment>> resolve(List<AttachmentRef> refs) {
        if (refs == null || refs.isEmpty()) {
            return Mono.just(List.of());
        }
        if (refs.size() > Attachment.MAX_PER_MESSAGE) {
            return Mono.error(new InvalidInput("attachments", "must hold at most " + Attachment.MAX_PER_MESSAGE
                    + " files"));
        }
        return Mono.fromCallable(() -> {
            List<Attachment> attachments = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                AttachmentRef ref = refs.get(i);
                String field = "attachments[" + i + "]";
                if (ref == null) {
                    throw new InvalidInput(field, "is required");
                }
                AttachmentStore.Stored stored = store.find(ref.sha256()).orElseThrow(() -> new InvalidInput(
                        field + ".sha256", "names no stored file; upload it first (POST /api/attachments)"));
                // The name and type given, else those the file was uploaded with.
                String name = ref.name() == null || ref.name().isBlank() ? stored.name() : Uploads.fileName(ref.name());
                MediaType type = parse(ref.contentType(), field + ".contentType");
                String contentType = type != null ? Uploads.contentType(type, name)
                        : ref.name() == null || ref.name().isBlank() ? stored.contentType()
                        : Uploads.contentType(null, name);
                attachments.add(new Attachment(ref.sha256(), name, stored.size(), contentType));
            }
            uploads.checkMessage(attachments);
            return List.copyOf(attachments);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static MediaType parse(String type, String field) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(type);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            throw new InvalidInput(field, "is not a media type");
        }
    }
}
