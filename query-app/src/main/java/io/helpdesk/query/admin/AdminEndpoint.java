package io.helpdesk.query.admin;

import io.helpdesk.eventstore.deadletters.DeadLetters;
import io.helpdesk.eventstore.deadletters.ProcessorFailures;

import io.helpdesk.domain.sla.SlaSettings;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.eventstore.EventStoreHead;
import io.helpdesk.query.live.StoredTokens;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Operating the read models: processor status, zero-downtime rebuilds with progress, and trying a changed SLA
 * policy on the whole history without touching the live SLA read model.
 */
@RestController
public class AdminEndpoint {

    private final EventProcessingConfiguration processors;
    private final RebuildService rebuilds;
    private final JdbcTemplate jdbc;
    private final SlaSettings liveSettings;
    private final StoredTokens tokens;
    private final ProcessorFailures failures;
    private final DeadLetters deadLetters;

    public AdminEndpoint(EventProcessingConfiguration processors, RebuildService rebuilds, JdbcTemplate jdbc,
                         SlaSettings liveSettings, StoredTokens tokens, ProcessorFailures failures,
                         DeadLetters deadLetters) {
        this.tokens = tokens;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.processors = processors;
        this.rebuilds = rebuilds;
        this.jdbc = jdbc;
        this.liveSettings = liveSettings;
    }

    /**
     * @param state ERROR (failing here), REPLAYING, CAUGHT_UP, PROCESSING (behind, working), ELSEWHERE (claimed
     *              by another instance) or UNCLAIMED
     */
    public record Segment(int segment, String owner, Long position, String state, boolean caughtUp,
                          boolean replaying, String error) {
    }

    /**
     * @param failing    the batch this processor keeps failing on, since when and why; null while it moves
     * @param deadLetters events it set aside (GET /api/admin/dead-letters?group=name)
     */
    public record ProcessorStatus(String name, boolean running, long head, Long lag, boolean replaying,
                                  ProcessorFailures.Failure failing, long deadLetters, List<Segment> segments) {
    }

    /** Every processor: running or not, its segments (who owns them, where they are), lag behind the head. */
    @GetMapping("/api/admin/processors")
    public Mono<List<ProcessorStatus>> processors() {
        return Mono.fromCallable(() -> {
            long head = EventStoreHead.position(jdbc);
            List<ProcessorStatus> result = new ArrayList<>();
            processors.eventProcessors().forEach((name, processor) -> {
                if (!(processor instanceof StreamingEventProcessor streaming)) {
                    return;
                }
                Map<Integer, EventTrackerStatus> local = streaming.processingStatus();
                List<Segment> segments = new ArrayList<>();
                jdbc.query("SELECT segment, owner, token, token_type FROM eventstore.token_entry "
                                   + "WHERE processor_name = ? ORDER BY segment", rs -> {
                    int segment = rs.getInt("segment");
                    EventTrackerStatus status = local.get(segment);
                    // Boxed on both sides: a segment with no token yet (empty store) has no position.
                    Long position = status != null && status.getCurrentPosition().isPresent()
                            ? Long.valueOf(status.getCurrentPosition().getAsLong())
                            : tokens.read(rs.getBytes("token"), rs.getString("token_type"))
                                    .map(TrackingToken::position).filter(OptionalLong::isPresent)
                                    .map(OptionalLong::getAsLong).orElse(null);
                    String state = status == null ? (rs.getString("owner") == null ? "UNCLAIMED" : "ELSEWHERE")
                            : status.isErrorState() ? "ERROR" : status.isReplaying() ? "REPLAYING"
                            : status.isCaughtUp() ? "CAUGHT_UP" : "PROCESSING";
                    segments.add(new Segment(segment, rs.getString("owner"), position, state,
                                             status != null && status.isCaughtUp(),
                                             status != null && status.isReplaying(),
                                             status != null && status.isErrorState() && status.getError() != null
                                                     ? status.getError().getMessage() : null));
                }, name);
                Long lowest = segments.stream().map(Segment::position).filter(p -> p != null)
                                      .min(Long::compare).orElse(null);
                result.add(new ProcessorStatus(name, streaming.isRunning(), head,
                                               lowest == null ? null : Math.max(0, head - lowest),
                                               segments.stream().anyMatch(Segment::replaying),
                                               failures.of(name, lowest).orElse(null), deadLetters.count(name),
                                               segments));
            });
            result.sort(java.util.Comparator.comparing(ProcessorStatus::name));
            return result;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    public record RebuildRequest(String readModel) {
    }

    /** Rebuilds a read model from the whole history; the live one serves until the rebuild takes its place. */
    @PostMapping("/api/admin/rebuilds")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<RebuildService.Progress> rebuild(@RequestBody RebuildRequest request) {
        if (request == null || request.readModel() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "readModel is required");
        }
        return blocking(() -> rebuilds.start(request.readModel(), true));
    }

    /** The latest runs of every instance, newest first. */
    @GetMapping("/api/admin/rebuilds")
    public Mono<List<RebuildService.Progress>> rebuilds() {
        return blocking(rebuilds::all);
    }

    @GetMapping("/api/admin/rebuilds/{id}")
    public Mono<RebuildService.Progress> rebuild(@PathVariable String id) {
        return blocking(() -> rebuilds.progress(id));
    }

    /** The rebuild's progress every half second until it is done or failed. */
    @GetMapping(value = "/api/admin/rebuilds/{id}/progress", produces = "text/event-stream")
    public Flux<ServerSentEvent<RebuildService.Progress>> progress(@PathVariable String id) {
        return blocking(() -> rebuilds.progress(id))
                .thenMany(Flux.interval(Duration.ZERO, Duration.ofMillis(500))
                              .concatMap(tick -> blocking(() -> rebuilds.progress(id))))
                .takeUntil(p -> p.state() == RebuildService.State.DONE || p.state() == RebuildService.State.FAILED)
                .map(p -> ServerSentEvent.builder(p).event("progress").build());
    }

    /** Rebuild state lives in the database: read and written off the event loop. */
    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    public record WhatIf(Map<Priority, SlaSettings.Targets> targets, Double atRiskShare) {
    }

    /**
     * Replays the SLA read model into the shadow tables under changed targets (the rest of the live policy
     * kept); read the difference from {@code GET /api/admin/sla-what-if/{id}} once it is done.
     */
    @PostMapping("/api/admin/sla-what-if")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<RebuildService.Progress> slaWhatIf(@RequestBody WhatIf request) {
        if (request == null || request.targets() == null || request.targets().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "targets are required");
        }
        // Targets not given keep their live values, per priority and per target.
        Map<Priority, SlaSettings.Targets> targets = new HashMap<>(liveSettings.targets());
        request.targets().forEach((priority, given) -> {
            if (priority == null || given == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                                  "targets: give P0-P3, each with firstResponse, nextResponse or resolution");
            }
            SlaSettings.Targets live = targets.get(priority);
            SlaSettings.Targets merged = new SlaSettings.Targets(
                    target(priority, "firstResponse", given.firstResponse(), live.firstResponse()),
                    target(priority, "nextResponse", given.nextResponse(), live.nextResponse()),
                    target(priority, "resolution", given.resolution(), live.resolution()));
            targets.put(priority, merged);
        });
        if (request.atRiskShare() != null && !(request.atRiskShare() > 0 && request.atRiskShare() < 1)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "atRiskShare must be between 0 and 1");
        }
        SlaSettings changed = new SlaSettings(liveSettings.timeZone(), liveSettings.workStart(),
                                              liveSettings.workEnd(), liveSettings.workingDays(),
                                              liveSettings.hoursByDay(), liveSettings.holidays(),
                                              liveSettings.aroundTheClock(), targets, liveSettings.atRiskShare());
        // The tried policy is set only once this what-if holds the SLA shadow, never under a running one.
        return blocking(() -> rebuilds.start("sla", false, () -> rebuilds.whatIfPolicy().tryPolicy(changed.toPolicy())));
    }

    private static Duration target(Priority priority, String name, Duration given, Duration live) {
        if (given == null) {
            return live;
        }
        if (given.isNegative() || given.isZero() || given.compareTo(Duration.ofDays(3650)) > 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              "targets." + priority + "." + name + " must be a positive duration of at most 10 years");
        }
        return given;
    }

    public record OutcomeChange(String ticketId, String target, int cycle, String before, String after) {
    }

    public record TargetCompliance(String target, Double percentMetBefore, Double percentMetAfter) {
    }

    public record WhatIfReport(RebuildService.Progress rebuild, List<TargetCompliance> compliance,
                               List<OutcomeChange> changed) {
    }

    @GetMapping("/api/admin/sla-what-if/{id}")
    public Mono<WhatIfReport> slaWhatIfReport(@PathVariable String id, @RequestParam(defaultValue = "1000") int limit) {
        return Mono.fromCallable(() -> {
            RebuildService.Progress progress = rebuilds.progress(id);
            if (progress.state() != RebuildService.State.DONE) {
                return new WhatIfReport(progress, List.of(), List.of());
            }
            List<TargetCompliance> compliance = jdbc.query("""
                            SELECT target,
                                   (SELECT round(100.0 * count(*) FILTER (WHERE outcome = 'MET') / nullif(count(*), 0), 1)
                                    FROM readmodel.sla_clock l WHERE l.target = t.target AND l.outcome IS NOT NULL) AS before,
                                   (SELECT round(100.0 * count(*) FILTER (WHERE outcome = 'MET') / nullif(count(*), 0), 1)
                                    FROM readmodel_shadow.sla_clock s WHERE s.target = t.target AND s.outcome IS NOT NULL) AS after
                            FROM (VALUES ('FIRST_RESPONSE'), ('NEXT_RESPONSE'), ('RESOLUTION')) AS t(target)""",
                    (rs, i) -> new TargetCompliance(rs.getString("target"), number(rs.getObject("before")),
                                                    number(rs.getObject("after"))));
            List<OutcomeChange> changed = jdbc.query("""
                            SELECT l.ticket_id, l.target, l.cycle, l.outcome AS before, s.outcome AS after
                            FROM readmodel.sla_clock l
                            JOIN readmodel_shadow.sla_clock s
                              ON s.ticket_id = l.ticket_id AND s.target = l.target AND s.cycle = l.cycle
                            WHERE l.outcome IS DISTINCT FROM s.outcome
                            ORDER BY l.ticket_id, l.target, l.cycle LIMIT ?""",
                    (rs, i) -> new OutcomeChange(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                                 rs.getString(5)), limit);
            return new WhatIfReport(progress, compliance, changed);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
