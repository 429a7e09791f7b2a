package io.helpdesk.command.attachments;

import io.helpdesk.domain.ticket.Attachment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files coming in (an agent's upload, a part of an inbound e-mail, a provider's media): written to a temporary
 * file while counted against the per-file limit, then put in the attachment store. Nothing of a file larger than
 * the limit is stored; the request is answered 413.
 */
@Component
public class Uploads {

    private final AttachmentStore store;
    private final AttachmentSettings settings;

    Uploads(AttachmentStore store, AttachmentSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** A file part of a multipart request. */
    public Mono<Attachment> store(FilePart part) {
        return store(part.content(), part.filename(), part.headers().getContentType());
    }

    /** Bytes from anywhere, with the name and type they came with (either may be missing). */
    public Mono<Attachment> store(Flux<DataBuffer> content, String name, MediaType type) {
        String fileName = fileName(name);
        String contentType = contentType(type, fileName);
        long max = settings.maxFileSize().toBytes();
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile("helpdesk-attachment", ".part"))
                    .subscribeOn(Schedulers.boundedElastic()),
                file -> {
                    AtomicLong size = new AtomicLong();
                    Flux<DataBuffer> counted = content.doOnNext(buffer -> {
                        if (size.addAndGet(buffer.readableByteCount()) > max) {
                            DataBufferUtils.release(buffer);
                            throw tooLarge(fileName);
                        }
                    });
                    return DataBufferUtils.write(counted, file)
                                          .then(Mono.fromCallable(() -> store.put(file, fileName, contentType))
                                                    .subscribeOn(Schedulers.boundedElastic()))
                                          .map(stored -> new Attachment(stored.sha256(), fileName, stored.size(),
                                                                        contentType));
                },
                Uploads::delete);
    }

    /** The files of one message together must stay within the per-message limit. */
    public void checkMessage(List<Attachment> attachments) {
        long total = attachments.stream().mapToLong(Attachment::size).sum();
        if (total > settings.maxMessageSize().toBytes()) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the files of one message weigh "
                    + total + " bytes together, more than the " + settings.maxMessageSize().toBytes()
                    + " bytes allowed (helpdesk.attachments.max-message-size)");
        }
    }

    private ResponseStatusException tooLarge(String name) {
        return new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the file " + name + " is larger than the "
                + settings.maxFileSize().toBytes() + " bytes allowed (helpdesk.attachments.max-file-size)");
    }

    private static Mono<Void> delete(Path file) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The name without any path a client put before it, without control characters; "file" when none is left. */
    static String fileName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "file";
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    /** The type the file came with, else the one its name suggests, else a byte stream. */
    static String contentType(MediaType given, String fileName) {
        MediaType type = given != null && !given.isWildcardType() ? given
                : MediaTypeFactory.getMediaType(fileName).orElse(MediaType.APPLICATION_OCTET_STREAM);
        String text = type.toString();
        return text.length() > 255 ? MediaType.APPLICATION_OCTET_STREAM_VALUE : text;
    }
}
