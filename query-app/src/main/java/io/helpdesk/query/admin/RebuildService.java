package io.helpdesk.query.admin;

import io.helpdesk.query.ReadModels;
import io.helpdesk.eventstore.EventStoreHead;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowTables;
import io.helpdesk.projections.shadow.WhatIfSlaPolicy;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import org.springframework.dao.DuplicateKeyException;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a read model with zero downtime: its shadow processor replays the whole history into the
 * {@code readmodel_shadow} tables while the live tables keep answering queries; once the shadow has caught
 * up, the live processor pauses for a moment, the tables swap schemas and the shadow's positions become the
 * live processor's, all in one transaction, and the live processor goes on from there. A rebuild that fails
 * (or is never switched, as a what-if is not) leaves the live read model as it was.
 * <p>
 * Each run's progress is kept in {@code readmodel.rebuild_run}, so every instance answers for it and it outlives
 * the instance running it: a run whose instance stopped beating (a restart, a crash) is reported FAILED. A unique
 * index keeps one run per read model across all instances. Every method here blocks: call it off the event loop.
 */
@Configuration(proxyBeanMethods = false)
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    public enum State { RUNNING, SWITCHING, DONE, FAILED }

    /** Progress of one rebuild: events done of the total at its start, rate and time left. */
    public record Progress(String id, String readModel, boolean switchWhenDone, State state, long total, long done,
                           double eventsPerSecond, Long secondsLeft, Instant startedAt, Instant finishedAt,
                           String error) {
    }

    private final EventProcessingConfiguration processors;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TokenStore tokens;
    private final WhatIfSlaPolicy whatIfPolicy;
    private final ShadowGates gates;
    private final Duration stallTimeout;
    /** The runs of this instance, as last written. */
    private final Map<String, Progress> rebuilds = new ConcurrentHashMap<>();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final String instance = UUID.randomUUID() + "@" + hostName();
    /** The read models whose live processor this instance stopped while another instance switches them. */
    private final java.util.Set<String> yielded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService yielding =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "rebuild-switches");
                thread.setDaemon(true);
                return thread;
            });

    /** A run whose instance has not written for this long is taken as stopped. */
    static final Duration STOPPED_AFTER = Duration.ofSeconds(60);
    private static final Duration WRITE_EVERY = Duration.ofMillis(500);

    public RebuildService(EventProcessingConfiguration processors, JdbcTemplate jdbc,
                          TransactionTemplate transactions, TokenStore tokens, WhatIfSlaPolicy whatIfPolicy,
                          ShadowGates gates,
                          @Value("${helpdesk.rebuild.stall-timeout:10s}") Duration stallTimeout,
                          io.micrometer.core.instrument.MeterRegistry meters) {
        // The share done of the rebuild of each read model running on this instance; none running: NaN.
        ReadModels.names().forEach(name -> io.micrometer.core.instrument.Gauge
                .builder("helpdesk.rebuild.progress", () -> running(name))
                .description("Share of its events a running rebuild has applied (0 to 1)")
                .tag("read_model", name).register(meters));
        this.gates = gates;
        this.stallTimeout = stallTimeout;
        this.processors = processors;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.whatIfPolicy = whatIfPolicy;
    }

    private double running(String readModel) {
        return rebuilds.values().stream()
                       .filter(run -> run.readModel().equals(readModel) && run.state() == State.RUNNING)
                       .mapToDouble(run -> run.total() == 0 ? 1.0 : Math.min(1.0, (double) run.done() / run.total()))
                       .findFirst().orElse(Double.NaN);
    }

    /** A shadow processor's first start (before any rebuild) begins at the head: nothing to do yet. */
    @Bean
    public static ConfigurerModule shadowProcessorsStartAtHead() {
        return configurer -> ReadModels.all().forEach(model -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        model.shadowGroup(),
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void stopShadowProcessors() {
        ReadModels.names().forEach(name -> shadow(name).shutDown());
        yielding.scheduleWithFixedDelay(this::yieldToSwitches, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stopYielding() {
        yielding.shutdownNow();
    }

    /**
     * While another instance switches a read model to its rebuilt tables, this one stops that read model's live
     * processor (giving its segments back) and starts it again once the switch is over: the switch needs every
     * segment.
     */
    private void yieldToSwitches() {
        try {
            java.util.Set<String> switching = new java.util.HashSet<>(jdbc.queryForList("""
                    SELECT read_model FROM readmodel.rebuild_run WHERE state = 'SWITCHING' AND instance <> ?
                      AND heartbeat_at > now() - make_interval(secs => ?)""",
                    String.class, instance, STOPPED_AFTER.toSeconds()));
            for (String readModel : switching) {
                if (ReadModels.named(readModel) != null && yielded.add(readModel)) {
                    log.info("Another instance switches {} to its rebuilt tables: its processor stops here meanwhile",
                             readModel);
                    live(readModel).shutDown();
                }
            }
            for (String readModel : java.util.List.copyOf(yielded)) {
                if (!switching.contains(readModel)) {
                    yielded.remove(readModel);
                    live(readModel).start();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for rebuilds switching elsewhere: {}", e.toString());
        }
    }

    public Progress start(String readModel, boolean switchWhenDone) {
        return start(readModel, switchWhenDone, () -> { });
    }

    /**
     * Starts a run unless one of this read model runs on any instance (409); {@code prepare} runs once the run
     * is this instance's and before it begins.
     */
    public Progress start(String readModel, boolean switchWhenDone, Runnable prepare) {
        if (ReadModels.named(readModel) == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "readModel must be one of " + ReadModels.names());
        }
        String id = UUID.randomUUID().toString();
        long total = EventStoreHead.position(jdbc);
        Progress progress = new Progress(id, readModel, switchWhenDone, State.RUNNING, total, 0, 0, null,
                                         Instant.now(), null, null);
        try {
            transactions.executeWithoutResult(tx -> {
                giveUpStoppedRuns(readModel);
                jdbc.update("""
                        INSERT INTO readmodel.rebuild_run (id, read_model, switch_when_done, state, total, started_at,
                                                           instance, heartbeat_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, now())""", id, readModel, switchWhenDone, State.RUNNING.name(),
                            total, Timestamp.from(progress.startedAt()), instance);
            });
        } catch (DuplicateKeyException running) {
            Progress other = jdbc.query(SELECT + " WHERE read_model = ? AND state IN ('RUNNING', 'SWITCHING')",
                                        this::fromRow, readModel).stream().findFirst().orElse(null);
            throw new ResponseStatusException(HttpStatus.CONFLICT, "a rebuild of " + readModel + " is running"
                    + (other == null ? "" : " (" + other.id() + ", since " + other.startedAt() + ")"));
        }
        rebuilds.put(id, progress);
        prepare.run();
        Thread worker = new Thread(() -> run(progress), "rebuild-" + readModel);
        worker.setDaemon(true);
        worker.start();
        return progress;
    }

    private static final String SELECT = """
            SELECT id, read_model, switch_when_done, state, total, done, events_per_second, seconds_left, started_at,
                   finished_at, error, heartbeat_at < now() - make_interval(secs => %d) AS stopped
            FROM readmodel.rebuild_run""".formatted(STOPPED_AFTER.toSeconds());

    public Progress progress(String id) {
        return jdbc.query(SELECT + " WHERE id = ?", this::fromRow, id).stream().findFirst()
                   .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rebuild " + id));
    }

    /** The latest runs of every instance, newest first. */
    public List<Progress> all() {
        return jdbc.query(SELECT + " ORDER BY started_at DESC LIMIT 100", this::fromRow);
    }

    private Progress fromRow(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        State state = State.valueOf(row.getString("state"));
        String error = row.getString("error");
        boolean running = state == State.RUNNING || state == State.SWITCHING;
        if (running && row.getBoolean("stopped")) {
            state = State.FAILED;
            error = STOPPED;
        }
        Timestamp finished = row.getTimestamp("finished_at");
        return new Progress(row.getString("id"), row.getString("read_model"), row.getBoolean("switch_when_done"),
                            state, row.getLong("total"), row.getLong("done"), row.getDouble("events_per_second"),
                            (Long) row.getObject("seconds_left"), row.getTimestamp("started_at").toInstant(),
                            finished == null ? null : finished.toInstant(), error);
    }

    private static final String STOPPED = "the instance running it stopped (a restart or a crash); the live read "
            + "model is as it was: start it again";

    /** Runs of this read model whose instance stopped writing are ended, so that a new one can start. */
    private void giveUpStoppedRuns(String readModel) {
        jdbc.update("""
                UPDATE readmodel.rebuild_run SET state = 'FAILED', error = ?, finished_at = now()
                WHERE read_model = ? AND state IN ('RUNNING', 'SWITCHING')
                  AND heartbeat_at < now() - make_interval(secs => ?)""", STOPPED, readModel,
                    (int) STOPPED_AFTER.toSeconds());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    public WhatIfSlaPolicy whatIfPolicy() {
        return whatIfPolicy;
    }

    private void run(Progress started) {
        String readModel = started.readModel();
        StreamingEventProcessor shadow = shadow(readModel);
        try {
            shadow.shutdownAsync().get();
            // Built from the live tables' definitions as they are now, migrations included.
            transactions.executeWithoutResult(tx -> ShadowTables.recreate(jdbc, ReadModels.named(readModel).tableNames()));
            if (started.switchWhenDone() && readModel.equals("sla")) {
                whatIfPolicy.useLivePolicy();
            }
            shadow.resetTokens(StreamableMessageSource::createTailToken);
            int[] segmentIds = tokens.fetchSegments(shadow.getName());
            int segments = segmentIds.length;
            gates.open(readModel);
            shadow.start();
            // After a failed run the processor still backs off from its segments (for up to a minute): claim
            // them now rather than when that wait runs out.
            for (int segment : segmentIds) {
                shadow.claimSegment(segment);
            }
            Instant begin = Instant.now();
            Instant lastProgress = begin;
            long lastDone = -1;
            String lastError = null;
            while (true) {
                Thread.sleep(100);
                Map<Integer, EventTrackerStatus> status = shadow.processingStatus();
                for (EventTrackerStatus segment : status.values()) {
                    if (segment.isErrorState() && segment.getError() != null) {
                        lastError = segment.getError().getMessage();
                    }
                }
                long done = status.values().stream()
                                  .mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
                if (done != lastDone) {
                    lastDone = done;
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(stallTimeout) > 0) {
                    // A failing batch is retried with growing pauses and never advances: give up, keep the live model.
                    throw new IllegalStateException("no progress for " + stallTimeout.toSeconds() + " s"
                            + (lastError == null ? "; see the log for the processor's error" : ": " + lastError));
                }
                double seconds = Math.max(0.001, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
                double rate = done / seconds;
                Long left = rate > 0 ? (long) Math.ceil(Math.max(0, started.total() - done) / rate) : null;
                // Every segment at work and past the head as it was when the rebuild began; later events are the
                // live processor's to apply after the switch.
                boolean caughtUp = status.size() == segments && done >= started.total();
                update(started.id(), State.RUNNING, done, rate, left, null);
                if (caughtUp) {
                    break;
                }
            }
            long setAside = setAsideByRebuildOnly(readModel, shadow);
            if (setAside > 0) {
                throw new IllegalStateException(setAside + " events could not be applied that the live read model "
                        + "applied; see GET /api/admin/dead-letters?group=" + shadow.getName());
            }
            if (started.switchWhenDone()) {
                update(started.id(), State.SWITCHING, rebuilds.get(started.id()).done(),
                       rebuilds.get(started.id()).eventsPerSecond(), 0L, null);
                switchTables(readModel, shadow);
            } else {
                shadow.shutdownAsync().get();
            }
            update(started.id(), State.DONE, rebuilds.get(started.id()).done(),
                   rebuilds.get(started.id()).eventsPerSecond(), 0L, null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Rebuild of {} failed; the live read model keeps serving", readModel, e);
            shadow.shutDown();
            Progress current = rebuilds.get(started.id());
            update(started.id(), State.FAILED, current.done(), current.eventsPerSecond(), null, e.getMessage());
        } finally {
            gates.close(readModel);
            rebuilds.remove(started.id());
            written.remove(started.id());
        }
    }

    /** A rebuild may not replace the live read model with one that lacks events the live one has applied. */
    private long setAsideByRebuildOnly(String readModel, StreamingEventProcessor shadow) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM eventstore.dead_letter_entry s
                WHERE s.processing_group = ?
                  AND NOT EXISTS (SELECT 1 FROM eventstore.dead_letter_entry l
                                  WHERE l.processing_group = ? AND l.event_identifier = s.event_identifier)""",
                Long.class, shadow.getName(), live(readModel).getName());
        return count == null ? 0 : count;
    }

    private void switchTables(String readModel, StreamingEventProcessor shadow) throws Exception {
        StreamingEventProcessor live = live(readModel);
        live.shutdownAsync().get();
        shadow.shutdownAsync().get();
        try {
            awaitSegmentsReleased(live.getName());
            transactions.executeWithoutResult(tx -> {
                for (String table : ReadModels.named(readModel).tableNames()) {
                    jdbc.update("ALTER TABLE readmodel." + table + " SET SCHEMA readmodel_retired");
                    jdbc.update("ALTER TABLE readmodel_shadow." + table + " SET SCHEMA readmodel");
                    jdbc.update("ALTER TABLE readmodel_retired." + table + " SET SCHEMA readmodel_shadow");
                }
                // The rebuilt tables hold what the shadow applied: its dead letters are now the read model's,
                // and the live processor's old ones are void.
                jdbc.update("DELETE FROM eventstore.dead_letter_entry WHERE processing_group = ?", live.getName());
                jdbc.update("UPDATE eventstore.dead_letter_entry SET processing_group = ? WHERE processing_group = ?",
                            live.getName(), shadow.getName());
                int[] segments = tokens.fetchSegments(shadow.getName());
                for (int segment : segments) {
                    TrackingToken position = WrappedToken.unwrapLowerBound(tokens.fetchToken(shadow.getName(), segment));
                    tokens.storeToken(position, live.getName(), segment);
                    tokens.releaseClaim(shadow.getName(), segment);
                    tokens.releaseClaim(live.getName(), segment);
                }
            });
        } finally {
            live.start();
        }
    }

    /**
     * Waits until no instance holds a segment of the live processor: the others stop theirs once they see this run
     * SWITCHING ({@link #yieldToSwitches}); a killed one's claims run out with the claim timeout.
     */
    private void awaitSegmentsReleased(String processor) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            // A claim is Axon's while its timestamp is younger than the claim timeout (10 s).
            Long held = jdbc.queryForObject(
                    "SELECT count(*) FROM eventstore.token_entry WHERE processor_name = ? AND owner IS NOT NULL "
                            + "AND \"timestamp\" > ?", Long.class, processor,
                    org.axonframework.common.DateTimeUtils.formatInstant(Instant.now().minusSeconds(10)));
            if (held == null || held == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(held + " segments of " + processor + " are still held by other "
                        + "instances after 30 s");
            }
            Thread.sleep(200);
        }
    }

    /** Keeps the run's progress here, and in the database on each change of state and every half second. */
    private void update(String id, State state, long done, double rate, Long left, String error) {
        Progress previous = rebuilds.get(id);
        Progress next = rebuilds.computeIfPresent(id, (key, p) -> new Progress(
                p.id(), p.readModel(), p.switchWhenDone(), state, p.total(), done, Math.round(rate * 10) / 10.0, left,
                p.startedAt(), state == State.DONE || state == State.FAILED ? Instant.now() : null, error));
        if (next == null) {
            return;
        }
        Instant last = written.get(id);
        Instant now = Instant.now();
        if (previous != null && previous.state() == state && last != null
                && Duration.between(last, now).compareTo(WRITE_EVERY) < 0) {
            return;
        }
        written.put(id, now);
        try {
            jdbc.update("""
                    UPDATE readmodel.rebuild_run SET state = ?, done = ?, events_per_second = ?, seconds_left = ?,
                                                     finished_at = ?, error = ?, heartbeat_at = now()
                    WHERE id = ?""", state.name(), next.done(), next.eventsPerSecond(), next.secondsLeft(),
                        next.finishedAt() == null ? null : Timestamp.from(next.finishedAt()), next.error(), id);
        } catch (org.springframework.dao.DataAccessException e) {
            // The database is away for a moment: the next write carries the progress.
            log.warn("Could not record the progress of rebuild {}: {}", id, e.getMessage());
        }
    }

    StreamingEventProcessor live(String readModel) {
        return processors.eventProcessor(readModel, StreamingEventProcessor.class).orElseThrow();
    }

    private StreamingEventProcessor shadow(String readModel) {
        return processors.eventProcessor(ReadModels.named(readModel).shadowGroup(), StreamingEventProcessor.class)
                         .orElseThrow();
    }
}
