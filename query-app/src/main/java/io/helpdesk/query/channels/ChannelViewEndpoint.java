package io.helpdesk.query.channels;

import io.helpdesk.query.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Staff channels as the viewer sees them. Public channels are readable by all staff; private and direct
 * channels only by their members (403 for others).
 */
@RestController
public class ChannelViewEndpoint {

    private final DatabaseClient db;
    private final ChannelAccess access;

    public ChannelViewEndpoint(DatabaseClient db, ChannelAccess access) {
        this.db = db;
        this.access = access;
    }

    public record ChannelSummary(String channelId, String type, String name, String topic, boolean archived,
                                 long unread) {
    }

    public record Message(long position, String messageId, String author, String body, String threadRootId,
                          String ticketId, Instant postedAt, Instant editedAt, boolean deleted, long replies) {
    }

    public record Page(List<Message> items, Long nextAfter) {
    }

    /** The viewer's channels, each with the number of messages posted since they last read it. */
    @GetMapping("/api/channels")
    public Flux<ChannelSummary> mine(ServerWebExchange exchange) {
        String me = Viewer.of(exchange).user();
        return db.sql("""
                        SELECT v.channel_id, v.type, v.name, v.topic, v.archived,
                               (SELECT count(*) FROM readmodel.channel_message m
                                WHERE m.channel_id = v.channel_id AND NOT m.deleted AND m.author <> :me
                                  AND m.position > COALESCE(r.last_read_pos, 0)) AS unread
                        FROM readmodel.channel_view v
                        JOIN readmodel.channel_member mem ON mem.channel_id = v.channel_id AND mem.member = :me
                        LEFT JOIN readmodel.channel_read_marker r ON r.channel_id = v.channel_id AND r.member = :me
                        ORDER BY v.name NULLS LAST, v.channel_id""")
                 .bind("me", me)
                 .map(r -> new ChannelSummary(r.get("channel_id", String.class), r.get("type", String.class),
                                              r.get("name", String.class), r.get("topic", String.class),
                                              Boolean.TRUE.equals(r.get("archived", Boolean.class)),
                                              r.get("unread", Long.class)))
                 .all();
    }

    /**
     * Top-level messages oldest first (or one thread's replies with {@code threadRootId}), paged with
     * {@code after} = the previous page's {@code nextAfter}.
     */
    @GetMapping("/api/channels/{channelId}/messages")
    public Mono<Page> messages(@PathVariable String channelId, @RequestParam(required = false) String threadRootId,
                               @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int limit,
                               ServerWebExchange exchange) {
        if (limit < 1 || limit > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 200");
        }
        String me = Viewer.of(exchange).user();
        String thread = threadRootId == null ? "m.thread_root_id IS NULL" : "m.thread_root_id = :root";
        return mayRead(channelId, me).then(Mono.defer(() -> {
            var spec = db.sql("""
                            SELECT m.*, (SELECT count(*) FROM readmodel.channel_message t
                                         WHERE t.channel_id = m.channel_id AND t.thread_root_id = m.message_id) AS replies
                            FROM readmodel.channel_message m
                            WHERE m.channel_id = :channel AND %s AND m.position > :after
                            ORDER BY m.position LIMIT :limit""".formatted(thread))
                         .bind("channel", channelId).bind("after", after).bind("limit", limit);
            if (threadRootId != null) {
                spec = spec.bind("root", threadRootId);
            }
            return spec.map(r -> new Message(r.get("position", Long.class), r.get("message_id", String.class),
                                             r.get("author", String.class), r.get("body", String.class),
                                             r.get("thread_root_id", String.class), r.get("ticket_id", String.class),
                                             r.get("posted_at", OffsetDateTime.class).toInstant(),
                                             time(r.get("edited_at", OffsetDateTime.class)),
                                             Boolean.TRUE.equals(r.get("deleted", Boolean.class)),
                                             r.get("replies", Long.class)))
                       .all().collectList()
                       .map(items -> new Page(items, items.size() < limit ? null
                               : items.get(items.size() - 1).position()));
        }));
    }

    /** Marks everything posted so far as read by the viewer. */
    @PostMapping("/api/channels/{channelId}/read")
    public Mono<Void> markRead(@PathVariable String channelId, ServerWebExchange exchange) {
        String me = Viewer.of(exchange).user();
        return mayRead(channelId, me).then(db.sql("""
                        INSERT INTO readmodel.channel_read_marker (channel_id, member, last_read_pos)
                        SELECT :channel, :me, COALESCE(max(position), 0) FROM readmodel.channel_message
                        WHERE channel_id = :channel
                        ON CONFLICT (channel_id, member) DO UPDATE SET last_read_pos = EXCLUDED.last_read_pos""")
                .bind("channel", channelId).bind("me", me).fetch().rowsUpdated().then());
    }

    private Mono<Void> mayRead(String channelId, String me) {
        return access.verdict(channelId, me).flatMap(verdict -> switch (verdict) {
            case UNKNOWN -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no channel with id " + channelId));
            case MEMBERS_ONLY -> Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                                                                        "channel " + channelId + " is for its members only"));
            case MAY_READ -> Mono.empty();
        });
    }

    private static Instant time(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
