package io.helpdesk.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Spreads each streaming processor's segments over the instances running it. Axon lets whichever instance claims
 * first keep every segment; here each instance says every {@code every} that it runs the processor (table
 * {@code eventstore.processor_instance}), counts the instances seen within three rounds, and releases the segments
 * it holds beyond its fair share (segments / instances, rounded up) for another instance to claim, as Axon's
 * reference guide suggests for balancing. An instance that stops saying so (killed) drops out of the count; its
 * claims expire after the token store's claim timeout and the others take them over.
 */
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Duration every;
    private final Clock clock;
    private final java.util.function.Predicate<String> balanced;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService schedule;
    private volatile boolean failing;

    public SegmentBalancer(EventProcessingConfiguration processing, DataSource dataSource, Duration every,
                           Clock clock) {
        this(processing, dataSource, every, clock, name -> true);
    }

    /** @param balanced which processors are balanced (by name); the others are left to whoever runs them */
    public SegmentBalancer(EventProcessingConfiguration processing, DataSource dataSource, Duration every,
                           Clock clock, java.util.function.Predicate<String> balanced) {
        this.balanced = balanced;
        this.processing = processing;
        this.jdbc = new JdbcTemplate(dataSource);
        this.every = every;
        this.clock = clock;
    }

    /**
     * One round: for every running streaming processor, say this instance runs it and give back any excess. Three
     * statements a round whatever the number of processors.
     */
    void balance() {
        Instant now = clock.instant();
        Map<String, StreamingEventProcessor> running = new HashMap<>();
        processing.eventProcessors().values().stream()
                  .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                  .filter(StreamingEventProcessor::isRunning)
                  .filter(processor -> balanced.test(processor.getName()))
                  .forEach(processor -> running.put(processor.getName(), processor));
        if (!running.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO eventstore.processor_instance (processor_name, node, seen_at) VALUES (?, ?, ?)
                    ON CONFLICT (processor_name, node) DO UPDATE SET seen_at = EXCLUDED.seen_at""",
                             running.keySet().stream().map(name -> new Object[] {name, node, Timestamp.from(now)})
                                    .toList());
            jdbc.query("""
                    SELECT p.name,
                           (SELECT count(*) FROM eventstore.processor_instance i
                            WHERE i.processor_name = p.name AND i.seen_at > ?) AS instances,
                           (SELECT count(*) FROM eventstore.token_entry t WHERE t.processor_name = p.name) AS segments
                    FROM unnest(?::text[]) AS p(name)""",
                       row -> {
                           release(running.get(row.getString("name")), row.getInt("instances"), row.getInt("segments"));
                       },
                       Timestamp.from(now.minus(every.multipliedBy(3))), running.keySet().toArray(String[]::new));
        }
        jdbc.update("DELETE FROM eventstore.processor_instance WHERE seen_at < ?",
                    Timestamp.from(now.minus(Duration.ofHours(1))));
    }

    /** Releases what {@code processor} holds here beyond its share of {@code segments} among {@code instances}. */
    private static void release(StreamingEventProcessor processor, int instances, int segments) {
        if (instances < 2) {
            return;
        }
        int fair = (segments + instances - 1) / instances;
        List<Integer> mine = processor.processingStatus().keySet().stream().sorted(Comparator.reverseOrder()).toList();
        for (int i = 0; i < mine.size() - fair; i++) {
            log.info("Releasing segment {} of {} for another instance ({} instances, {} segments)",
                     mine.get(i), processor.getName(), instances, segments);
            processor.releaseSegment(mine.get(i));
        }
    }

    private void round() {
        try {
            balance();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not balance the processors' segments this round: {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
