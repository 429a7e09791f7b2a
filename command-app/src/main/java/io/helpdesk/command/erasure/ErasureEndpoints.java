package io.helpdesk.command.erasure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdesk.command.attachments.AttachmentStore;
import io.helpdesk.command.attachments.TicketFiles;
import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.contact.ContactAbsorbed;
import io.helpdesk.domain.contact.EraseContact;
import io.helpdesk.domain.contact.RecordDataExport;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.ReplyScheduled;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GDPR requests about a contact (MANAGER, ADMIN): erasure, and access (everything held about them, as one
 * archive, the export itself recorded on the contact's history).
 */
@RestController
public class ErasureEndpoints {

    private final CommandDispatcher commands;
    private final EventStorageEngine events;
    private final ErasureLookups lookups;
    private final AttachmentStore files;
    private final KnownAggregates known;
    private final ObjectMapper json;

    public ErasureEndpoints(CommandDispatcher commands, EventStorageEngine events, ErasureLookups lookups,
                            AttachmentStore files, KnownAggregates known, ObjectMapper json) {
        this.commands = commands;
        this.events = events;
        this.lookups = lookups;
        this.files = files;
        this.known = known;
        this.json = json;
    }

    public record Erasure(@Schema(description = "Why: the request's reference, say") @NotBlank @Size(max = 1_000)
                          String reason) {
    }

    public record Erased(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contactId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                 description = "The tickets whose personal data was erased")
                         List<String> tickets) {
    }

    /**
     * Erases the contact, the contacts merged into it and their tickets' personal data: names, addresses, message
     * texts, files. The history keeps every event (ids, times, statuses, who of the staff acted).
     */
    @Refuses(Rule.ContactMerged)
    @PostMapping("/api/contacts/{contactId}/erasure")
    public Mono<Erased> erase(@PathVariable String contactId, @Valid @RequestBody Erasure body,
                              ServerWebExchange exchange) {
        return known.found("Contact", contactId)
                .then(commands.<List<String>>send(new EraseContact(contactId, body.reason(), Actor.of(exchange)),
                                                  exchange))
                .map(tickets -> new Erased(contactId, tickets));
    }

    /**
     * Everything held about the contact (with the contacts merged into it) as one ZIP archive: {@code
     * contacts.json} (their events), {@code tickets/<id>.json} (each ticket's events, personal data decrypted),
     * {@code files/<sha256>/<name>} (the files their messages carry). Recorded as {@code ContactDataExported}
     * before the archive is made.
     */
    @GetMapping(value = "/api/contacts/{contactId}/export", produces = "application/zip")
    public Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable String contactId, ServerWebExchange exchange) {
        return known.found("Contact", contactId)
                .then(Mono.fromCallable(() -> family(contactId)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(family -> {
                    List<String> tickets = family.stream().flatMap(c -> lookups.ticketsOf(c).stream()).distinct()
                                                 .toList();
                    return commands.send(new RecordDataExport(contactId, tickets, Actor.of(exchange)), exchange)
                                   .then(Mono.fromCallable(() -> archive(family, tickets))
                                             .subscribeOn(Schedulers.boundedElastic()));
                })
                .map(zip -> ResponseEntity.ok()
                                          .contentType(MediaType.parseMediaType("application/zip"))
                                          .header(HttpHeaders.CONTENT_DISPOSITION,
                                                  "attachment; filename=\"contact-" + contactId + ".zip\"")
                                          .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(zip))));
    }

    /** The contact and, down every chain of merges, the contacts merged into it (from their own events). */
    private Set<String> family(String contactId) {
        Set<String> family = new LinkedHashSet<>();
        Deque<String> open = new ArrayDeque<>(List.of(contactId));
        while (!open.isEmpty()) {
            String next = open.pop();
            if (!family.add(next)) {
                continue;
            }
            Set<String> merged = new LinkedHashSet<>();
            events.readEvents(next, 0).asStream().forEach(event -> {
                if (event.getPayload() instanceof ContactAbsorbed absorbed) {
                    merged.add(absorbed.from());
                } else if (event.getPayload() instanceof io.helpdesk.domain.contact.ContactReleased released) {
                    merged.remove(released.released());
                }
            });
            open.addAll(merged);
        }
        return family;
    }

    private byte[] archive(Set<String> contacts, List<String> tickets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Attachment> carried = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ObjectNode people = json.createObjectNode();
            for (String contactId : contacts) {
                people.set(contactId, history(contactId, carried));
            }
            entry(zip, "contacts.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(people));
            for (String ticketId : tickets) {
                entry(zip, "tickets/" + ticketId + ".json",
                      json.writerWithDefaultPrettyPrinter().writeValueAsBytes(history(ticketId, carried)));
            }
            for (Attachment file : carried.values()) {
                byte[] content = files.read(file.sha256()).orElse(null);
                if (content != null) {
                    entry(zip, "files/" + file.sha256() + "/" + safe(file.name()), content);
                }
            }
            entry(zip, "README.txt", ("""
                    Everything the helpdesk holds about contact(s) %s:
                    contacts.json      the contacts' events (names, languages, identities, organization, merges)
                    tickets/<id>.json  each of their tickets' events: messages, replies, notes, status, ratings
                    files/<sha256>/    the files their messages carry (the SHA-256 of each file's bytes)
                    Times are ISO-8601 instants; "user" is who (or which system) caused each event.
                    """).formatted(String.join(", ", contacts)).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** An aggregate's events as {type, at, user, payload}, noting the files they carry. */
    private ArrayNode history(String aggregateId, Map<String, Attachment> carried) {
        ArrayNode list = json.createArrayNode();
        events.readEvents(aggregateId, 0).asStream().forEach((DomainEventMessage<?> event) -> {
            ObjectNode one = list.addObject();
            one.put("type", event.getPayloadType().getSimpleName());
            one.put("at", event.getTimestamp().toString());
            Object user = event.getMetaData().get("user");
            one.put("user", user == null ? null : user.toString());
            one.set("payload", json.valueToTree(event.getPayload()));
            for (Attachment file : attachments(event.getPayload())) {
                carried.putIfAbsent(file.sha256(), file);
            }
        });
        return list;
    }

    /** The files an event carries, a scheduled reply's too (not yet on the ticket as a message). */
    private static List<Attachment> attachments(Object payload) {
        return payload instanceof ReplyScheduled scheduled ? scheduled.attachments() : TicketFiles.of(payload);
    }

    private static String safe(String name) {
        String cleaned = name == null ? "file" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return cleaned.isBlank() ? "file" : cleaned;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
