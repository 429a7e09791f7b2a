package io.helpdesk.query.web;

import io.helpdesk.query.ReadModels;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helpdesk.projections.ReadModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers of aggregate queries (analytics figures, SLA compliance), kept while the read model they come from
 * has not changed. Dashboards ask the same questions over and over, each an aggregate over every ticket; between
 * two changes of the read model the answer is the same, so it is computed once.
 * <p>
 * The version of a read model is read from PostgreSQL on every request: its processor's stored tokens (a
 * projection stores its token in the transaction that writes its rows, so new rows mean a new token) and the
 * identities of its tables (a rebuild swaps in other tables, possibly at the same token). Every instance thus
 * sees a change made by any instance, and an answer is never older than the version the request saw. Identical
 * requests arriving together share one database query.
 */
@Component
public class FigureCache {

    private final DatabaseClient db;
    private final CancelOnLeave cancelOnLeave;
    private final AsyncCache<String, List<?>> answers;
    /** How many requests wait for each answer being computed. */
    private final Map<CompletableFuture<List<?>>, AtomicInteger> waiting = new ConcurrentHashMap<>();

    public FigureCache(DatabaseClient db, CancelOnLeave cancelOnLeave, MeterRegistry meters,
                       @Value("${helpdesk.figure-cache.max-entries:1000}") long maxEntries,
                       @Value("${helpdesk.figure-cache.ttl:10m}") Duration ttl) {
        this.db = db;
        this.cancelOnLeave = cancelOnLeave;
        this.answers = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).recordStats().buildAsync();
        CaffeineCacheMetrics.monitor(meters, answers, "read-model-figures");
        Gauge.builder("helpdesk.figures.waiting", waiting,
                      all -> all.values().stream().mapToInt(AtomicInteger::get).sum())
             .description("Requests waiting for a figure being computed").register(meters);
    }

    /**
     * The rows of {@code query}, from the cache while {@code readModel} is unchanged. The query's SQL is cancelled
     * when every request waiting for it has gone ({@link CancelOnLeave}); one leaving alone changes nothing for
     * the others.
     */
    @SuppressWarnings("unchecked")
    public <T> Flux<T> rows(String readModel, String question, Flux<T> query) {
        return version(readModel).flatMap(version -> answer(readModel + '@' + version + ' ' + question, query, true))
                                 .flatMapIterable(rows -> (List<T>) rows);
    }

    private Mono<List<?>> answer(String key, Flux<?> query, boolean again) {
        return Mono.defer(() -> {
            CompletableFuture<List<?>> answer = answers.get(key, (k, executor) -> cancelOnLeave.rows(query)
                    .collectList().<List<?>>map(List::copyOf).toFuture());
            AtomicInteger waiting = this.waiting.computeIfAbsent(answer, started -> new AtomicInteger());
            waiting.incrementAndGet();
            return Mono.fromFuture(answer, true).doFinally(signal -> {
                if (waiting.decrementAndGet() == 0) {
                    this.waiting.remove(answer, waiting);
                    if (signal == SignalType.CANCEL) {
                        answer.cancel(true);
                    }
                }
            });
        }).onErrorResume(CancellationException.class,
                         // The last one waiting left just as this request came: the query is asked again.
                         cancelled -> again ? answer(key, query, false) : Mono.error(cancelled));
    }

    /** The single row of {@code query}, from the cache while {@code readModel} is unchanged. */
    public <T> Mono<T> row(String readModel, String question, Mono<T> query) {
        return rows(readModel, question, query.flux()).next();
    }

    private Mono<String> version(String readModel) {
        ReadModel model = ReadModels.named(readModel);
        if (model == null) {
            throw new IllegalArgumentException("no read model " + readModel);
        }
        List<String> tables = model.tableNames();
        return db.sql("""
                        SELECT COALESCE((SELECT string_agg(segment || ':' || COALESCE(md5(token), '-'), ','
                                                           ORDER BY segment)
                                         FROM eventstore.token_entry WHERE processor_name = :processor), '')
                               || '/' || (SELECT string_agg(COALESCE(to_regclass('readmodel.' || t)::oid::text, '-'), ',')
                                          FROM unnest(CAST(:tables AS text[])) AS t) AS version""")
                 .bind("processor", readModel)
                 .bind("tables", tables.toArray(String[]::new))
                 .map(row -> row.get("version", String.class))
                 .one();
    }
}
