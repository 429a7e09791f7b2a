package io.helpdesk.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Tuning of Axon's JDBC event storage engine (helpdesk.event-store.*).
 *
 * @param batchSize      events read per query while streaming
 * @param gapTimeout     how long a gap in the global index is waited for before it is taken as a rolled-back
 *                       append and skipped
 * @param maxGapOffset   how far behind the newest event a gap is still tracked
 * @param fallbackPoll   how often a stream looks for new events when no notification arrived, as a safety net
 *                       for notifications lost while the listening connection was down
 */
@ConfigurationProperties("helpdesk.event-store")
public record EventStoreProperties(Integer batchSize, Duration gapTimeout, Integer maxGapOffset,
                                   Duration fallbackPoll) {

    public EventStoreProperties {
        batchSize = batchSize == null ? 100 : batchSize;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(60) : gapTimeout;
        maxGapOffset = maxGapOffset == null ? 10_000 : maxGapOffset;
        fallbackPoll = fallbackPoll == null ? Duration.ofSeconds(1) : fallbackPoll;
    }
}
