package io.helpdesk.command.ticket.schedule;

import io.helpdesk.command.attachments.AttachmentRef;
import io.helpdesk.command.attachments.MessageFiles;
import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.CancelScheduledReply;
import io.helpdesk.domain.ticket.ScheduleReply;
import io.helpdesk.domain.ticket.SnoozeTicket;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.UnsnoozeTicket;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What waits on a ticket's clock: snoozing it out of the inbox views (until a time or the customer's next
 * message) and replies scheduled for later (cancelled if the customer writes first).
 */
@RestController
public class TicketScheduleEndpoints {

    private final CommandDispatcher commands;
    private final MessageFiles files;

    public TicketScheduleEndpoints(CommandDispatcher commands, MessageFiles files) {
        this.commands = commands;
        this.files = files;
    }

    /** {@code until}: when the ticket comes back; absent, it comes back when the customer writes. */
    public record Snooze(Instant until) {
    }

    public record Done(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId) {
    }

    public record Reply(@NotBlank @Size(max = 100_000) String body, @NotNull Instant at,
                        @Valid @Size(max = Attachment.MAX_PER_MESSAGE) List<AttachmentRef> attachments) {
    }

    public record Scheduled(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String scheduleId,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at) {
    }

    @Refuses(Rule.ClosedTicketIsFinal)
    @PutMapping("/api/tickets/{ticketId}/snooze")
    public Mono<Done> snooze(@PathVariable String ticketId, @Valid @RequestBody(required = false) Snooze body,
                             ServerWebExchange exchange) {
        Instant until = body == null ? null : body.until();
        return commands.send(new SnoozeTicket(new TicketId(ticketId), until, Actor.of(exchange)), exchange)
                       .then(Mono.just(new Done(ticketId)));
    }

    @DeleteMapping("/api/tickets/{ticketId}/snooze")
    public Mono<Done> wake(@PathVariable String ticketId, ServerWebExchange exchange) {
        return commands.send(new UnsnoozeTicket(new TicketId(ticketId), Actor.of(exchange)), exchange)
                       .then(Mono.just(new Done(ticketId)));
    }

    /** The reply is the token's user's, sent at {@code at} unless the customer writes first. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/scheduled-replies")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Scheduled> schedule(@PathVariable String ticketId, @Valid @RequestBody Reply body,
                                    ServerWebExchange exchange) {
        String scheduleId = UUID.randomUUID().toString();
        return files.resolve(body.attachments())
                    .flatMap(attachments -> commands.send(new ScheduleReply(new TicketId(ticketId), scheduleId,
                                                                            Actor.of(exchange), body.body(), body.at(),
                                                                            attachments), exchange))
                    .then(Mono.just(new Scheduled(ticketId, scheduleId, body.at())));
    }

    @Refuses(Rule.ScheduledReplyMustBePending)
    @DeleteMapping("/api/tickets/{ticketId}/scheduled-replies/{scheduleId}")
    public Mono<Done> cancel(@PathVariable String ticketId, @PathVariable String scheduleId,
                             ServerWebExchange exchange) {
        return commands.send(new CancelScheduledReply(new TicketId(ticketId), scheduleId, Actor.of(exchange)),
                             exchange)
                       .then(Mono.just(new Done(ticketId)));
    }
}
