package io.helpdesk.command.ticket.conversation;

import io.helpdesk.command.attachments.AttachmentRef;
import io.helpdesk.command.attachments.MessageFiles;
import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.AddInternalNote;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.DiscardDraft;
import io.helpdesk.domain.ticket.EditDraft;
import io.helpdesk.domain.ticket.ProposeDraft;
import io.helpdesk.domain.ticket.ProposeFollowUp;
import io.helpdesk.domain.ticket.RateSatisfaction;
import io.helpdesk.domain.ticket.ReceiveCustomerMessage;
import io.helpdesk.domain.ticket.SendDraft;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/** What is said on a ticket: customer messages, internal notes, bot drafts, follow-ups and the CSAT rating. */
@RestController
public class TicketConversationEndpoints {

    private final CommandDispatcher commands;
    private final MessageFiles files;
    private final Duration followUpAfter;
    private final String followUpText;

    public TicketConversationEndpoints(CommandDispatcher commands, MessageFiles files,
                                       @Value("${helpdesk.follow-up.after}") Duration followUpAfter,
                                       @Value("${helpdesk.follow-up.text}") String followUpText) {
        this.commands = commands;
        this.files = files;
        this.followUpAfter = followUpAfter;
        this.followUpText = followUpText;
    }

    public record Done(String ticketId) {
    }

    /** {@code attachments}: files uploaded before ({@code POST /api/attachments}) that came with the message. */
    public record CustomerMessage(@NotBlank @Size(max = 500) String externalMessageId,
                                  @NotBlank @Size(max = 100_000) String body,
                                  @Valid @Size(max = Attachment.MAX_PER_MESSAGE) List<AttachmentRef> attachments) {
    }

    public record CustomerMessageAccepted(String ticketId, String externalMessageId) {
    }

    /** Idempotent: the same {@code externalMessageId} again changes nothing and gets the same answer. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/messages")
    public Mono<CustomerMessageAccepted> customerMessage(@PathVariable String ticketId,
                                                         @Valid @RequestBody CustomerMessage request,
                                                         ServerWebExchange exchange) {
        return files.resolve(request.attachments())
                    .flatMap(attachments -> commands.send(new ReceiveCustomerMessage(
                            new TicketId(ticketId), request.externalMessageId(), request.body(), null, attachments),
                                                          exchange))
                    .then(Mono.just(new CustomerMessageAccepted(ticketId, request.externalMessageId())));
    }

    public record Text(@NotBlank @Size(max = 100_000) String body) {
    }

    /** {@code attachments}: files uploaded before ({@code POST /api/attachments}) that go with the note. */
    public record Note(@NotBlank @Size(max = 100_000) String body,
                       @Valid @Size(max = Attachment.MAX_PER_MESSAGE) List<AttachmentRef> attachments) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Done> note(@PathVariable String ticketId, @Valid @RequestBody Note request,
                           ServerWebExchange exchange) {
        return files.resolve(request.attachments())
                    .flatMap(attachments -> send(new AddInternalNote(new TicketId(ticketId), Actor.of(exchange),
                                                                     request.body(), attachments), ticketId, exchange));
    }

    /** A bot proposes a draft reply; the acting user is the bot. */
    @Refuses({Rule.ClosedTicketIsFinal, Rule.OneActiveDraft})
    @PostMapping("/api/tickets/{ticketId}/draft")
    public Mono<Done> proposeDraft(@PathVariable String ticketId, @Valid @RequestBody Text request,
                                   ServerWebExchange exchange) {
        return send(new ProposeDraft(new TicketId(ticketId), Actor.of(exchange), request.body()), ticketId, exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.NoActiveDraft})
    @PutMapping("/api/tickets/{ticketId}/draft")
    public Mono<Done> editDraft(@PathVariable String ticketId, @Valid @RequestBody Text request,
                                ServerWebExchange exchange) {
        return send(new EditDraft(new TicketId(ticketId), Actor.of(exchange), request.body()), ticketId, exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.NoActiveDraft})
    @PostMapping("/api/tickets/{ticketId}/draft/send")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Done> sendDraft(@PathVariable String ticketId, ServerWebExchange exchange) {
        return send(new SendDraft(new TicketId(ticketId), Actor.of(exchange)), ticketId, exchange);
    }

    @Refuses({Rule.ClosedTicketIsFinal, Rule.NoActiveDraft})
    @DeleteMapping("/api/tickets/{ticketId}/draft")
    public Mono<Done> discardDraft(@PathVariable String ticketId, ServerWebExchange exchange) {
        return send(new DiscardDraft(new TicketId(ticketId), Actor.of(exchange)), ticketId, exchange);
    }

    public record FollowUp(@Size(max = 100_000) String body) {
    }

    /**
     * Drafts a follow-up for a customer silent longer than {@code helpdesk.follow-up.after}. Only a draft:
     * an agent decides whether it goes out.
     */
    @Refuses({Rule.FollowUpOnlyAfterWaiting, Rule.FollowUpOnlyWhenWaitingOnCustomer, Rule.OneActiveDraft})
    @PostMapping("/api/tickets/{ticketId}/follow-up-draft")
    public Mono<Done> followUp(@PathVariable String ticketId, @Valid @RequestBody(required = false) FollowUp request,
                               ServerWebExchange exchange) {
        String body = request == null || request.body() == null || request.body().isBlank()
                ? followUpText : request.body();
        return send(new ProposeFollowUp(new TicketId(ticketId), body, followUpAfter, Actor.of(exchange)), ticketId,
                    exchange);
    }

    public record Csat(@NotNull @Min(1) @Max(5) Integer score, @Size(max = 5000) String comment) {
    }

    @Refuses({Rule.CsatOnlyAfterResolution, Rule.CsatOnlyOnce})
    @PostMapping("/api/tickets/{ticketId}/csat")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Done> csat(@PathVariable String ticketId, @Valid @RequestBody Csat request,
                           ServerWebExchange exchange) {
        return send(new RateSatisfaction(new TicketId(ticketId), request.score(), request.comment()), ticketId,
                    exchange);
    }

    private Mono<Done> send(Object command, String ticketId, ServerWebExchange exchange) {
        return commands.send(command, exchange).then(Mono.just(new Done(ticketId)));
    }
}
