package io.helpdesk.query.notifications;

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
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The viewer's notifications (their own and their teams'), newest first, with the unread count. */
@RestController
public class NotificationEndpoint {

    private final DatabaseClient db;

    public NotificationEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record Notification(long id, String recipient, String kind, String ticketId, String channelId,
                               String handoffId, String actor, String excerpt, Instant at, boolean read) {
    }

    public record Feed(long unread, List<Notification> items, Long nextBefore) {
    }

    @GetMapping("/api/notifications")
    public Mono<Feed> feed(@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit,
                           ServerWebExchange exchange) {
        if (limit < 1 || limit > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 200");
        }
        String[] recipients = Viewer.of(exchange).recipients().toArray(String[]::new);
        // Read flags are the viewer's own state, kept beside the read model (which a rebuild replaces).
        Mono<Long> unread = db.sql("""
                        SELECT count(*) AS n FROM readmodel.notification n
                        WHERE recipient = ANY(:r)
                          AND NOT EXISTS (SELECT 1 FROM readmodel.notification_read r WHERE r.id = n.id)""")
                              .bind("r", recipients).map(row -> row.get("n", Long.class)).one();
        Mono<List<Notification>> items = db.sql("""
                        SELECT n.*, r.read_at FROM readmodel.notification n
                        LEFT JOIN readmodel.notification_read r ON r.id = n.id
                        WHERE n.recipient = ANY(:r) AND n.id < :before ORDER BY n.id DESC LIMIT :limit""")
                .bind("r", recipients).bind("before", before == null ? Long.MAX_VALUE : before).bind("limit", limit)
                .map(row -> new Notification(row.get("id", Long.class), row.get("recipient", String.class),
                                             row.get("kind", String.class), row.get("ticket_id", String.class),
                                             row.get("channel_id", String.class), row.get("handoff_id", String.class),
                                             row.get("actor", String.class), row.get("excerpt", String.class),
                                             row.get("at", OffsetDateTime.class).toInstant(),
                                             row.get("read_at", OffsetDateTime.class) != null))
                .all().collectList();
        return Mono.zip(unread, items).map(t -> new Feed(t.getT1(), t.getT2(),
                t.getT2().size() < limit ? null : t.getT2().get(t.getT2().size() - 1).id()));
    }

    @PostMapping("/api/notifications/{id}/read")
    public Mono<Void> markRead(@PathVariable long id, ServerWebExchange exchange) {
        String[] recipients = Viewer.of(exchange).recipients().toArray(String[]::new);
        return db.sql("""
                        INSERT INTO readmodel.notification_read (id, read_at)
                        SELECT id, now() FROM readmodel.notification WHERE id = :id AND recipient = ANY(:r)
                        ON CONFLICT (id) DO NOTHING""")
                 .bind("id", id).bind("r", recipients).fetch().rowsUpdated().then();
    }

    @PostMapping("/api/notifications/read-all")
    public Mono<Void> markAllRead(ServerWebExchange exchange) {
        String[] recipients = Viewer.of(exchange).recipients().toArray(String[]::new);
        return db.sql("""
                        INSERT INTO readmodel.notification_read (id, read_at)
                        SELECT id, now() FROM readmodel.notification WHERE recipient = ANY(:r)
                        ON CONFLICT (id) DO NOTHING""")
                 .bind("r", recipients).fetch().rowsUpdated().then();
    }
}
