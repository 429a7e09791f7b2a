package io.helpdesk.query.live;

import io.helpdesk.query.ReadModels;
import io.helpdesk.projections.ReadModel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read-your-writes: command-app answers every command with {@code X-Event-Position}, the position of the
 * command's last event; a query that sends it back as {@code X-Min-Position} waits (at most
 * {@code helpdesk.read-your-writes.max-wait}) until every read model has processed the event at that
 * position, so a dashboard never shows a view older than its own last action. Only the read models that
 * answer the request's path are waited for ({@link ReadModel#paths()}): an inbox query does not wait for
 * analytics. If the wait runs out the query is answered anyway, marked {@code X-Read-Model-Stale: true}.
 * <p>
 * "Processed the event at that position" is not "processed everything below it": other clients' transactions
 * still in flight leave gaps below a position, and waiting for them would make every query wait for the
 * slowest concurrent writer. A command's events commit together and a processor reads its open gaps in the
 * same query as newer events, so once the command's last event is read, all of its events are.
 * <p>
 * Waiting requests are checked together: whenever a read model in this instance commits a batch
 * ({@link ReadModelCommits}), and every {@value #CHECK_EVERY_MS} ms while any request waits, for the advances
 * no batch announces (a segment that the new events do not belong to moves on without one, and segments
 * other instances work). Segments this instance processes are judged by the processor's live status: a
 * pooled segment that sees only other segments' events advances in memory but stores its token only every
 * few seconds. Segments another instance processes are judged by their stored token, read once per check for
 * all waiting requests.
 */
@Component
public class ReadYourWrites implements WebFilter, DisposableBean {

    static final String MIN_POSITION = "X-Min-Position";
    static final long CHECK_EVERY_MS = 5;
    private static final Set<String> READ_MODELS = Set.copyOf(ReadModels.names());
    /** Segments are split or merged rarely: their number is read again this often while requests wait. */
    private static final Duration SEGMENTS_READ_EVERY = Duration.ofSeconds(5);

    private final DatabaseClient db;
    private final StoredTokens tokens;
    private final EventProcessingConfiguration processors;
    private final Duration maxWait;
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkScheduled = new AtomicBoolean();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Map<String, Integer> segmentCounts;
    private volatile long segmentsReadAt;

    public ReadYourWrites(DatabaseClient db, StoredTokens tokens, EventProcessingConfiguration processors,
                          ReadModelCommits commits,
                          @Value("${helpdesk.read-your-writes.max-wait}") Duration maxWait) {
        this.db = db;
        this.tokens = tokens;
        this.processors = processors;
        this.maxWait = maxWait;
        commits.subscribe(this::committed);
    }

    /**
     * One request waiting for the read models that answer it ({@link ReadModel#answering}) to reach its
     * position; compared by identity.
     */
    private static final class Waiting {
        final long position;
        final Set<String> readModels;
        final Sinks.One<Boolean> reached = Sinks.one();

        Waiting(long position, Set<String> readModels) {
            this.position = position;
            this.readModels = readModels;
        }
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
        Set<String> readModels = ReadModels.answering(exchange.getRequest().getPath().value()).stream()
                                          .map(ReadModel::name).collect(java.util.stream.Collectors.toSet());
        Waiting request = new Waiting(position, readModels);
        return Mono.defer(() -> {
                       waiting.add(request);
                       keepChecking();
                       Map<String, List<TrackingToken>> live = liveTokens();
                       if (live != null) {
                           release(live);
                       }
                       return request.reached.asMono();
                   })
                   .timeout(maxWait, Mono.fromRunnable(
                           () -> exchange.getResponse().getHeaders().set("X-Read-Model-Stale", "true")))
                   .doFinally(signal -> waiting.remove(request))
                   .then(chain.filter(exchange));
    }

    /** A read model committed a batch: check the waiting requests soon, off the processor's thread. */
    private void committed() {
        if (!waiting.isEmpty() && checkScheduled.compareAndSet(false, true)) {
            Schedulers.parallel().schedule(() -> {
                checkScheduled.set(false);
                Map<String, List<TrackingToken>> live = liveTokens();
                if (live != null) {
                    release(live);
                }
            });
        }
    }

    /** Starts the timed checks unless they run; they run while any request waits, one at a time. */
    private void keepChecking() {
        if (!closed && ticking.compareAndSet(false, true)) {
            Schedulers.parallel().schedule(this::tick, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        check().onErrorResume(e -> Mono.empty()).doFinally(signal -> {
            if (!waiting.isEmpty() && !closed) {
                Schedulers.parallel().schedule(this::tick, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            ticking.set(false);
            // A request may have come in after the set looked empty and found the checks still running.
            if (!waiting.isEmpty()) {
                keepChecking();
            }
        }).subscribe();
    }

    /** The timed check: live status where this instance works every segment, stored tokens otherwise. */
    private Mono<Void> check() {
        if (waiting.isEmpty()) {
            return Mono.empty();
        }
        Mono<Void> counted = segmentCounts == null || System.nanoTime() - segmentsReadAt > SEGMENTS_READ_EVERY.toNanos()
                ? readSegmentCounts() : Mono.empty();
        return counted.then(Mono.defer(() -> {
            Map<String, List<TrackingToken>> live = liveTokens();
            return live != null ? Mono.fromRunnable(() -> release(live)) : storedTokens().doOnNext(this::release).then();
        }));
    }

    /** Answers every waiting request whose position each read model has reached; each one exactly once. */
    private void release(Map<String, List<TrackingToken>> readModels) {
        for (Waiting request : waiting) {
            if (reached(readModels, request.readModels, request.position) && waiting.remove(request)) {
                request.reached.tryEmitValue(true);
            }
        }
    }

    /** Whether every read model in {@code wanted} has processed the event at {@code position}. */
    static boolean reached(Map<String, List<TrackingToken>> readModels, Set<String> wanted, long position) {
        for (String readModel : wanted) {
            List<TrackingToken> segments = readModels.get(readModel);
            if (segments == null || segments.isEmpty()) {
                return false;
            }
            for (TrackingToken segment : segments) {
                if (!processed(segment, position)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Mono<Void> readSegmentCounts() {
        return db.sql("SELECT processor_name, count(*) AS segments FROM eventstore.token_entry "
                              + "WHERE processor_name = ANY(:names) GROUP BY processor_name")
                 .bind("names", READ_MODELS.toArray(String[]::new))
                 .map(row -> Map.entry(row.get("processor_name", String.class), row.get("segments", Long.class).intValue()))
                 .all()
                 .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                 .doOnNext(counts -> {
                     segmentCounts = counts;
                     segmentsReadAt = System.nanoTime();
                 })
                 .then();
    }

    /**
     * Each read model's segment tokens from the processors' live status, when this instance works every
     * segment of every read model; otherwise null.
     */
    private Map<String, List<TrackingToken>> liveTokens() {
        Map<String, Integer> counts = segmentCounts;
        if (counts == null) {
            return null;
        }
        Map<String, List<TrackingToken>> readModels = new HashMap<>();
        for (String readModel : READ_MODELS) {
            Map<Integer, EventTrackerStatus> live = liveStatus(readModel);
            if (live.size() != counts.getOrDefault(readModel, -1)) {
                return null;
            }
            List<TrackingToken> segments = new ArrayList<>(live.size());
            live.values().forEach(segment -> segments.add(segment.getTrackingToken()));
            readModels.put(readModel, segments);
        }
        return readModels;
    }

    /** Each read model's segment tokens: live where this instance works the segment, as stored elsewhere. */
    private Mono<Map<String, List<TrackingToken>>> storedTokens() {
        record Segment(String readModel, TrackingToken token) {
        }
        return db.sql("SELECT processor_name, segment, token, token_type FROM eventstore.token_entry "
                              + "WHERE processor_name = ANY(:names)")
                 .bind("names", READ_MODELS.toArray(String[]::new))
                 .map(row -> {
                     String name = row.get("processor_name", String.class);
                     EventTrackerStatus live = liveStatus(name).get(row.get("segment", Integer.class));
                     TrackingToken token = live != null && live.getTrackingToken() != null ? live.getTrackingToken()
                             : tokens.read(row.get("token", byte[].class), row.get("token_type", String.class))
                                     .orElse(null);
                     return new Segment(name, token);
                 })
                 .all()
                 .collect(HashMap::new, (readModels, segment) -> readModels
                         .computeIfAbsent(segment.readModel(), name -> new ArrayList<>()).add(segment.token()));
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

    @Override
    public void destroy() {
        closed = true;
    }
}
