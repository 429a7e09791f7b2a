package io.helpdesk.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Read-your-writes: command-app answers every command with {@code X-Event-Position}; a query that sends it
 * back as {@code X-Min-Position} waits (at most {@code helpdesk.read-your-writes.max-wait}) until every read
 * model has processed that position, so a dashboard never shows a view older than its own last action. If
 * the wait runs out the query is answered anyway, marked {@code X-Read-Model-Stale: true}.
 * <p>
 * Segments this instance processes are judged by the processor's live status: a pooled segment that sees
 * only other segments' events advances in memory but stores its token only every few seconds. Segments
 * another instance processes are judged by their stored token.
 */
@Component
public class ReadYourWrites implements WebFilter {

    static final String MIN_POSITION = "X-Min-Position";
    private static final List<String> PROCESSORS = List.of("inbox", "sla", "analytics", "notifications", "channels");

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final EventProcessingConfiguration processors;
    private final Duration maxWait;

    public ReadYourWrites(DatabaseClient db, ObjectMapper json, EventProcessingConfiguration processors,
                          @Value("${helpdesk.read-your-writes.max-wait}") Duration maxWait) {
        this.db = db;
        this.json = json;
        this.processors = processors;
        this.maxWait = maxWait;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(MIN_POSITION);
        if (header == null) {
            return chain.filter(exchange);
        }
        long position;
        try {
            position = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, MIN_POSITION + " must be a number"));
        }
        return caughtUp(position)
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(repeats -> repeats.delayElements(Duration.ofMillis(10)))
                .timeout(maxWait, Mono.fromRunnable(
                        () -> exchange.getResponse().getHeaders().set("X-Read-Model-Stale", "true")))
                .then(chain.filter(exchange));
    }

    private Mono<Boolean> caughtUp(long position) {
        TrackingToken wanted = GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
        return db.sql("SELECT processor_name, segment, convert_from(token, 'UTF8') AS token FROM eventstore.token_entry "
                              + "WHERE processor_name = ANY(:names)")
                 .bind("names", PROCESSORS.toArray(String[]::new))
                 .map(row -> {
                     String name = row.get("processor_name", String.class);
                     EventTrackerStatus live = liveStatus(name).get(row.get("segment", Integer.class));
                     return live != null && live.getTrackingToken() != null
                             ? live.getTrackingToken().covers(wanted)
                             : reached(row.get("token", String.class), position);
                 })
                 .all()
                 .all(Boolean::booleanValue)
                 .zipWith(db.sql("SELECT count(DISTINCT processor_name) AS n FROM eventstore.token_entry "
                                         + "WHERE processor_name = ANY(:names)")
                            .bind("names", PROCESSORS.toArray(String[]::new))
                            .map(row -> row.get("n", Long.class)).one(),
                          (all, processors) -> all && processors == PROCESSORS.size());
    }

    private Map<Integer, EventTrackerStatus> liveStatus(String processor) {
        return processors.eventProcessor(processor, StreamingEventProcessor.class)
                         .map(StreamingEventProcessor::processingStatus)
                         .orElse(Map.of());
    }

    /** Whether a stored tracking token (gap-aware, possibly inside a replay token) covers the position. */
    private boolean reached(String token, long position) {
        if (token == null) {
            return false;
        }
        try {
            JsonNode node = json.readTree(token);
            if (node.has("currentToken")) {
                node = node.get("currentToken");
            }
            if (node == null || !node.has("index") || node.get("index").asLong() < position) {
                return false;
            }
            for (JsonNode gap : node.path("gaps")) {
                if (gap.asLong() == position) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
