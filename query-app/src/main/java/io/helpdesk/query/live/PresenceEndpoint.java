package io.helpdesk.query.live;

import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.query.web.Viewer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
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

import java.time.Duration;
import java.util.List;

/**
 * Who is viewing or typing on a ticket: a dashboard renews its signal every few seconds while the ticket is open
 * ({@code POST}), takes it back when it leaves ({@code DELETE}); a signal not renewed within
 * {@code helpdesk.presence.ttl} (15 s) is gone, so a client that disconnected disappears within seconds. Each
 * change is announced on the event stream as topic {@code presence} with the ticket id. Not events: nothing of
 * it enters the history or the audit trail.
 */
@RestController
public class PresenceEndpoint {

    public enum Activity { VIEWING, TYPING }

    public record Signal(@NotNull Activity activity) {
    }

    public record Present(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String user,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Activity activity) {
    }

    private final DatabaseClient db;
    private final Duration ttl;

    public PresenceEndpoint(DatabaseClient db, @Value("${helpdesk.presence.ttl:15s}") Duration ttl) {
        this.db = db;
        this.ttl = ttl;
    }

    /** Renews the viewer's signal on the ticket; answers everyone present now. */
    @PostMapping("/api/tickets/{ticketId}/presence")
    public Mono<List<Present>> signal(@PathVariable String ticketId, @Valid @RequestBody Signal signal,
                                      ServerWebExchange exchange) {
        String me = Viewer.of(exchange).user();
        return exists(ticketId)
                .then(db.sql("""
                                WITH before AS (SELECT activity FROM readmodel.ticket_presence
                                                WHERE ticket_id = :ticket AND viewer = :me AND expires_at > now())
                                INSERT INTO readmodel.ticket_presence (ticket_id, viewer, activity, expires_at)
                                VALUES (:ticket, :me, :activity, now() + make_interval(secs => :ttl))
                                ON CONFLICT (ticket_id, viewer) DO UPDATE
                                SET activity = EXCLUDED.activity, expires_at = EXCLUDED.expires_at
                                RETURNING COALESCE((SELECT activity FROM before), '') AS before""")
                        .bind("ticket", ticketId).bind("me", me).bind("activity", signal.activity().name())
                        .bind("ttl", (double) ttl.toMillis() / 1000)
                        .map(r -> r.get("before", String.class)).one())
                // Others are told when someone arrives or starts or stops typing; a renewal alone tells nothing.
                .flatMap(before -> before.equals(signal.activity().name()) ? Mono.<Void>empty() : announce(ticketId))
                .then(present(ticketId));
    }

    @DeleteMapping("/api/tickets/{ticketId}/presence")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> leave(@PathVariable String ticketId, ServerWebExchange exchange) {
        return db.sql("DELETE FROM readmodel.ticket_presence WHERE ticket_id = :ticket AND viewer = :me")
                 .bind("ticket", ticketId).bind("me", Viewer.of(exchange).user())
                 .fetch().rowsUpdated()
                 .flatMap(deleted -> deleted > 0 ? announce(ticketId) : Mono.empty())
                 .then();
    }

    @GetMapping("/api/tickets/{ticketId}/presence")
    public Mono<List<Present>> present(@PathVariable String ticketId) {
        return db.sql("""
                         SELECT viewer, activity FROM readmodel.ticket_presence
                         WHERE ticket_id = :ticket AND expires_at > now() ORDER BY viewer""")
                 .bind("ticket", ticketId)
                 .map(r -> new Present(r.get("viewer", String.class), Activity.valueOf(r.get("activity", String.class))))
                 .all().collectList();
    }

    private Mono<Void> exists(String ticketId) {
        return db.sql("SELECT 1 FROM readmodel.inbox_ticket WHERE ticket_id = :ticket").bind("ticket", ticketId)
                 .map(r -> 1).one()
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                                                                             "no ticket with id " + ticketId)))
                 .then();
    }

    private Mono<Void> announce(String ticketId) {
        return db.sql("SELECT pg_notify(:channel, :payload)").bind("channel", ReadModelChanges.CHANNEL)
                 .bind("payload", "presence:" + ticketId).fetch().rowsUpdated().then();
    }
}
