package io.helpdesk.command.links;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer's side of a ticket, for channels without a provider to carry replies (CHAT, WEB): staff (or the
 * chat widget's back end) get a signed link to it and hand it to the customer, who reads the conversation there
 * without an account: their messages and the agents' replies with their files, never internal notes, drafts or
 * who the agent was. Read from the ticket's own events, so a reply is there as soon as its command answered.
 */
@RestController
public class ConversationEndpoints {

    private final EventStorageEngine events;
    private final SignedLinks links;

    ConversationEndpoints(EventStorageEngine events, SignedLinks links) {
        this.events = events;
        this.links = links;
    }

    /** A link to the conversation and when it stops working. */
    public record ConversationLink(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant expiresAt) {
    }

    /** A file on a message, with a signed link to it. */
    public record File(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long size,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contentType,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url) {
    }

    /** {@code from}: the customer, or the support team (an agent's reply). */
    public record Message(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"customer", "support"})
                          String from,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String body,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<File> attachments) {
    }

    public record Conversation(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subject,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                       allowableValues = {"OPEN", "RESOLVED", "CLOSED"}) String status,
                               @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Message> messages) {
    }

    /** A link for the ticket's customer to read their conversation, working for {@code LINK_LIFETIME}. */
    @PostMapping("/api/tickets/{ticketId}/conversation-link")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ConversationLink> link(@PathVariable String ticketId) {
        if (!links.canSign()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                                                          "links are not configured (LINK_KEY)"));
        }
        return read(ticketId).map(conversation -> {
            Instant expires = links.expiresAt();
            return new ConversationLink(links.conversation(ticketId, expires), expires);
        });
    }

    @GetMapping(SignedLinks.CONVERSATION)
    public Mono<Conversation> conversation(@PathVariable String ticketId, @RequestParam long expires,
                                           @RequestParam String signature) {
        if (!links.validConversation(ticketId, expires, signature)) {
            return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                                                          "the link's signature is wrong or the link has expired"));
        }
        return read(ticketId);
    }

    private Mono<Conversation> read(String ticketId) {
        return Mono.fromCallable(() -> {
            Folded folded = new Folded(ticketId);
            events.readEvents(ticketId, 0).asStream().forEach(folded::apply);
            if (folded.subject == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket with id " + ticketId);
            }
            return new Conversation(ticketId, folded.subject, folded.status, List.copyOf(folded.messages));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The conversation, folded from the ticket's events in order. */
    private final class Folded {

        final String ticketId;
        String subject;
        String status = "OPEN";
        final List<Message> messages = new ArrayList<>();

        Folded(String ticketId) {
            this.ticketId = ticketId;
        }

        void apply(DomainEventMessage<?> event) {
            Instant at = event.getTimestamp();
            Object payload = event.getPayload();
            if (payload instanceof TicketOpened e) {
                subject = e.subject();
                messages.add(new Message(at, "customer", e.body(), files(e.attachments())));
            } else if (payload instanceof CustomerMessageReceived e) {
                messages.add(new Message(at, "customer", e.body(), files(e.attachments())));
            } else if (payload instanceof AgentReplied e) {
                messages.add(new Message(at, "support", e.body(), files(e.attachments())));
            } else if (payload instanceof TicketResolved) {
                status = "RESOLVED";
            } else if (payload instanceof TicketReopened) {
                status = "OPEN";
            } else if (payload instanceof TicketClosed) {
                status = "CLOSED";
            }
        }

        private List<File> files(List<Attachment> attachments) {
            return attachments.stream().map(file -> new File(file.name(), file.size(), file.contentType(),
                                                             links.file(ticketId, file.sha256()))).toList();
        }
    }
}
