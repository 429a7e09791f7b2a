package io.helpdesk.command.block;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.block.BlockSender;
import io.helpdesk.domain.block.InboundMessageBlocked;
import io.helpdesk.domain.block.Senders;
import io.helpdesk.domain.block.UnblockSender;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.MarkSpam;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.TicketMarkedSpam;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Blocking: ADMIN blocks and unblocks senders and reads what they sent since; staff mark a ticket as spam, which
 * closes it and answers the sender to block.
 */
@RestController
public class BlockEndpoints {

    private final CommandDispatcher commands;
    private final JdbcTemplate jdbc;
    private final EventStorageEngine events;

    public BlockEndpoints(CommandDispatcher commands, JdbcTemplate jdbc, EventStorageEngine events) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.events = events;
    }

    public record Block(@NotBlank @Size(max = 320) String sender, @Size(max = 1_000) String reason) {
    }

    public record BlockView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String pattern, String reason,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String blockedBy,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant blockedAt,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int messages,
                            Instant lastMessageAt) {
    }

    public record BlockedMessage(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String messageId,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String sender,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String channel,
                                 String subject, String excerpt,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at) {
    }

    /** {@code sender}: whom the ticket came from, to block with {@code POST /api/admin/blocked-senders}. */
    public record Spam(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String sender) {
    }

    @PostMapping("/api/admin/blocked-senders")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<BlockView> block(@Valid @RequestBody Block body, ServerWebExchange exchange) {
        String pattern = Senders.pattern(body.sender(), "sender");
        return commands.send(new BlockSender(pattern, body.reason(), Actor.of(exchange)), exchange)
                       .then(view(pattern));
    }

    @DeleteMapping("/api/admin/blocked-senders/{pattern}")
    public Mono<BlockView> unblock(@PathVariable String pattern, ServerWebExchange exchange) {
        String normalized = Senders.pattern(pattern, "pattern");
        return view(normalized).flatMap(before -> commands.send(new UnblockSender(normalized, Actor.of(exchange)),
                                                                exchange).thenReturn(before));
    }

    @GetMapping("/api/admin/blocked-senders")
    public Mono<List<BlockView>> blocked() {
        return Mono.fromCallable(() -> jdbc.query(SELECT + " ORDER BY pattern", BlockEndpoints::row))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    /** What the sender sent while blocked, oldest first, from the block's own events. */
    @GetMapping("/api/admin/blocked-senders/{pattern}/messages")
    public Mono<List<BlockedMessage>> messages(@PathVariable String pattern) {
        String normalized = Senders.pattern(pattern, "pattern");
        return Mono.fromCallable(() -> events.readEvents(normalized, 0).asStream()
                                             .filter(event -> event.getPayload() instanceof InboundMessageBlocked)
                                             .map(event -> {
                                                 InboundMessageBlocked blocked = (InboundMessageBlocked) event.getPayload();
                                                 return new BlockedMessage(blocked.messageId(), blocked.sender(),
                                                                           blocked.channel(), blocked.subject(),
                                                                           blocked.excerpt(), event.getTimestamp());
                                             }).toList())
                   .subscribeOn(Schedulers.boundedElastic());
    }

    /** Closes the ticket as spam; answers the sender, for a block. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/spam")
    public Mono<Spam> spam(@PathVariable String ticketId, ServerWebExchange exchange) {
        return commands.send(new MarkSpam(new TicketId(ticketId), Actor.of(exchange)), exchange)
                       .then(Mono.fromCallable(() -> events.readEvents(ticketId, 0).asStream()
                                                           .map(event -> event.getPayload())
                                                           .filter(TicketMarkedSpam.class::isInstance)
                                                           .map(TicketMarkedSpam.class::cast)
                                                           .reduce((first, second) -> second).orElseThrow())
                                 .subscribeOn(Schedulers.boundedElastic()))
                       .map(marked -> new Spam(ticketId, marked.sender()));
    }

    private static final String SELECT = """
            SELECT pattern, reason, blocked_by, blocked_at, messages, last_message_at FROM command.blocked_sender""";

    private Mono<BlockView> view(String pattern) {
        return Mono.fromCallable(() -> jdbc.query(SELECT + " WHERE pattern = ?", BlockEndpoints::row, pattern)
                                           .stream().findFirst()
                                           .orElseThrow(() -> new ResponseStatusException(
                                                   HttpStatus.NOT_FOUND, pattern + " is not blocked")))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    private static BlockView row(ResultSet row, int n) throws SQLException {
        java.sql.Timestamp last = row.getTimestamp(6);
        return new BlockView(row.getString(1), row.getString(2), row.getString(3), row.getTimestamp(4).toInstant(),
                             row.getInt(5), last == null ? null : last.toInstant());
    }
}
