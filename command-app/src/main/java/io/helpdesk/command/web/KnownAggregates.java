package io.helpdesk.command.web;

import io.helpdesk.domain.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether an id names an aggregate of a kind (a ticket, a contact, an organization), by its first event's
 * aggregate type: an id of another kind (a macro's for a ticket's, say) is unknown too.
 */
@Component
public class KnownAggregates {

    private final JdbcTemplate jdbc;

    public KnownAggregates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Completes when each id names an aggregate of {@code type}; 404 naming the first that does not. */
    public Mono<Void> found(String type, String... ids) {
        return Mono.fromRunnable(() -> {
            for (String id : ids) {
                if (!exists(type, id)) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                                                      "no " + type.toLowerCase() + " with id " + id);
                }
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Completes when the id (a field of the request) names an aggregate of {@code type}, or is absent; else 400. */
    public Mono<Void> named(String type, String id, String field) {
        if (id == null || id.isBlank()) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> {
            if (!exists(type, id)) {
                throw new InvalidInput(field, "no " + type.toLowerCase() + " " + id);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private boolean exists(String type, String id) {
        return !jdbc.queryForList("""
                SELECT 1 FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0 AND type = ?""", Integer.class, id, type)
                    .isEmpty();
    }
}
