package io.helpdesk.command.attachments;

import io.helpdesk.command.links.SignedLinks;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.ticket.Attachment;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Files: staff upload them before the reply or note that carries them, and download those of a ticket;
 * providers fetch a reply's files through signed links. The bytes are checked against their SHA-256 on every
 * read.
 */
@RestController
public class AttachmentEndpoints {

    private static final Logger log = LoggerFactory.getLogger(AttachmentEndpoints.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Uploads uploads;
    private final AttachmentStore store;
    private final TicketFiles tickets;
    private final SignedLinks links;

    AttachmentEndpoints(Uploads uploads, AttachmentStore store, TicketFiles tickets, SignedLinks links) {
        this.uploads = uploads;
        this.store = store;
        this.tickets = tickets;
        this.links = links;
    }

    /** The multipart form of an upload: one or more parts named {@code file}. */
    record UploadForm(@ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1,
                                   maxItems = Attachment.MAX_PER_MESSAGE) List<String> file) {
    }

    /**
     * Stores the files (each at most {@code helpdesk.attachments.max-file-size}); answers their references, to be
     * given with a reply, a note or a customer message. A file uploaded before is stored once.
     */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class)))
    @PostMapping(value = "/api/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<List<Attachment>> upload(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(form -> {
            List<Part> parts = form.getOrDefault("file", List.of());
            if (parts.isEmpty() || !parts.stream().allMatch(FilePart.class::isInstance)) {
                return Mono.error(new InvalidInput("file", "must be one or more file parts"));
            }
            if (parts.size() > Attachment.MAX_PER_MESSAGE) {
                return Mono.error(new InvalidInput("file", "must be at most " + Attachment.MAX_PER_MESSAGE
                        + " files"));
            }
            return Flux.fromIterable(parts).concatMap(part -> uploads.store((FilePart) part)).collectList();
        });
    }

    @ApiResponse(responseCode = "200", description = "The file's bytes, as it was given",
                 content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/tickets/{ticketId}/attachments/{sha256}")
    public Mono<ResponseEntity<byte[]>> download(@PathVariable String ticketId, @PathVariable String sha256) {
        return file(ticketId, sha256);
    }

    /** The same file through a signed link (see {@link SignedLinks}): no token, the signature instead. */
    @ApiResponse(responseCode = "200", description = "The file's bytes, as it was given",
                 content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @GetMapping(SignedLinks.FILE)
    public Mono<ResponseEntity<byte[]>> linked(@PathVariable String ticketId, @PathVariable String sha256,
                                               @RequestParam long expires, @RequestParam String signature) {
        if (!links.validFile(ticketId, sha256, expires, signature)) {
            return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                                                          "the link's signature is wrong or the link has expired"));
        }
        return file(ticketId, sha256);
    }

    private Mono<ResponseEntity<byte[]>> file(String ticketId, String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Mono.error(new InvalidInput("sha256", "must be 64 lower-case hexadecimal digits"));
        }
        return Mono.fromCallable(() -> {
            Attachment attachment = tickets.find(ticketId, sha256).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "ticket " + ticketId + " carries no file " + sha256));
            byte[] bytes = store.read(sha256).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "the file " + sha256 + " is not in the attachment store"));
            // Whatever the file claims to be, it is never shown as part of this site: a download, sandboxed.
            return ResponseEntity.ok()
                                 .contentType(MediaType.parseMediaType(attachment.contentType()))
                                 .contentLength(bytes.length)
                                 .header(HttpHeaders.CONTENT_DISPOSITION, disposition(attachment.name()))
                                 .header("X-Content-Type-Options", "nosniff")
                                 .header("Content-Security-Policy", "sandbox")
                                 .eTag(sha256)
                                 .cacheControl(CacheControl.noCache().cachePrivate())
                                 .body(bytes);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * {@code attachment; filename="..."}, plus RFC 6266's {@code filename*} in UTF-8 when the name is not plain
     * ASCII (the plain one then has the other characters replaced).
     */
    static String disposition(String name) {
        String plain = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + plain + "\"" + (plain.equals(name) ? ""
                : "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @ExceptionHandler(TicketFiles.NoTicket.class)
    ProblemDetail noTicket(TicketFiles.NoTicket e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    /** Bytes that no longer match their hash are a fault of the store, told as such (and never served). */
    @ExceptionHandler(AttachmentStore.Damaged.class)
    ProblemDetail damaged(AttachmentStore.Damaged e) {
        log.error("Attachment store: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setTitle("Damaged file");
        return problem;
    }
}
