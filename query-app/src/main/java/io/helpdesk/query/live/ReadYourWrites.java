package io.helpdesk.query.live;

import io.helpdesk.projections.shadow.ShadowProjections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
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
import java.util.Map;
import java.util.Set;

/**
 * Read-your-writes: command-app answers every command with {@code X-Event-Position}, the position of the
 * command's last event; a query that sends it back as {@code X-Min-Position} waits (at most
 * {@code helpdesk.read-your-writes.max-wait}) until every read model has processed the event at that
 * position, so a dashboard never shows a view older than its own last action. If the wait runs out the query
 * is answered anyway, marked {@code X-Read-Model-Stale: true}.
 * <p>
 * "Processed the event at that position" is not "processed everything below it": other clients' transactions
 * still in flight leave gaps below a position, and waiting for them would make every query wait for the
 * slowest concurrent writer. A command's events commit together and a processor reads its open gaps in the
 * same query as newer events, so once the command's last event is read, all of its events are.
 * <p>
 * Segments this instance processes are judged by the processor's live status: a pooled segment that sees
 * only other segments' events advances in memory but stores its token only every few seconds. Segments
 * another instance processes are judged by their stored token.
 */
@Component
public class ReadYourWrites implements WebFilter {

    static final String MIN_POSITION = "X-Min-Position";
    private static final Set<String> READ_MODELS = ShadowProjections.TABLES.keySet();

    private final DatabaseClient db;
    private final StoredTokens tokens;
    private final EventProcessingConfiguration processors;
    private final Duration maxWait;
    private final Mono<Map<String, Integer>> segmentCounts;

    public ReadYourWrites(DatabaseClient db, StoredTokens tokens, EventProcessingConfiguration processors,
                          @Value("${helpdesk.read-your-writes.max-wait}") Duration maxWait) {
        this.db = db;
        this.tokens = tokens;
        this.processors = processors;
        this.maxWait = maxWait;
        // How many segments each read model has; segments are split or merged rarely, so this is read again
        // every few seconds rather than on every check.
        this.segmentCounts = db.sql("SELECT processor_name, count(*) AS segments FROM eventstore.token_entry "
                                            + "WHERE processor_name = ANY(:names) GROUP BY processor_name")
                               .bind("names", READ_MODELS.toArray(String[]::new))
                               .map(row -> Map.entry(row.get("processor_name", String.class),
                                                     row.get("segments", Long.class).intValue()))
                               .all()
                               .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                               .cache(Duration.ofSeconds(5));
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

    /**
     * Every read model has reached the position in each of its segments. Where this instance processes every
     * segment (one query-app, or all segments claimed here) that is read from the processors' live status in
     * memory; otherwise each segment is judged by the processor's live status where this instance works it and
     * by its stored token where another instance does. A waiting request checks every 10 ms, so the common case
     * must not cost a database query.
     */
    private Mono<Boolean> caughtUp(long position) {
        return segmentCounts.flatMap(counts -> {
            boolean caughtUp = true;
            for (String readModel : READ_MODELS) {
                Map<Integer, EventTrackerStatus> live = liveStatus(readModel);
                if (live.size() != counts.getOrDefault(readModel, -1)) {
                    return fromStoredTokens(position);
                }
                caughtUp &= live.values().stream().allMatch(segment -> processed(segment.getTrackingToken(), position));
            }
            return Mono.just(caughtUp);
        });
    }

    private Mono<Boolean> fromStoredTokens(long position) {
        return db.sql("SELECT processor_name, segment, token, token_type FROM eventstore.token_entry "
                              + "WHERE processor_name = ANY(:names)")
                 .bind("names", READ_MODELS.toArray(String[]::new))
                 .map(row -> {
                     String name = row.get("processor_name", String.class);
                     EventTrackerStatus live = liveStatus(name).get(row.get("segment", Integer.class));
                     TrackingToken token = live != null && live.getTrackingToken() != null ? live.getTrackingToken()
                             : tokens.read(row.get("token", byte[].class), row.get("token_type", String.class))
                                     .orElse(null);
                     return Map.entry(name, processed(token, position));
                 })
                 .all()
                 .collectList()
                 .map(segments -> segments.stream().allMatch(Map.Entry::getValue)
                         && segments.stream().map(Map.Entry::getKey).distinct().count() == READ_MODELS.size());
    }

    /**
     * The token has read the event at {@code position}: it is past it and the position is not one of its open
     * gaps. A replaying segment is judged by where its replay has got to.
     */
    static boolean processed(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    private Map<Integer, EventTrackerStatus> liveStatus(String processor) {
        return processors.eventProcessor(processor, StreamingEventProcessor.class)
                         .map(StreamingEventProcessor::processingStatus)
                         .orElse(Map.of());
    }
}
