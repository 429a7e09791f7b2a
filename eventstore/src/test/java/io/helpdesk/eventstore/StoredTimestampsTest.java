package io.helpdesk.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StoredTimestampsTest {

    @Test
    void reads_what_axon_writes_exactly_as_axon_reads_it() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 10_000_000_000L),
                                                    i % 3 == 0 ? random.nextInt(1000) * 1_000_000
                                                            : random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            // Axon stores milliseconds.
            assertThat(StoredTimestamps.parseUtc(stored)).as(stored)
                                                         .isEqualTo(DateTimeUtils.parseInstant(stored))
                                                         .isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        assertThat(StoredTimestamps.parse("2026-11-23T18:29:28Z")).isEqualTo(Instant.parse("2026-11-23T18:29:28Z"));
        assertThat(StoredTimestamps.parse("2026-11-23T18:29:28.5Z")).isEqualTo(Instant.parse("2026-11-23T18:29:28.500Z"));
        assertThat(StoredTimestamps.parse("2026-11-23T18:29:28.123456789Z"))
                .isEqualTo(Instant.parse("2026-11-23T18:29:28.123456789Z"));
    }

    @Test
    void leaves_other_shapes_to_axons_parser() {
        for (String other : new String[]{"2026-11-23T18:29:28+01:00", "2026-11-23T18:29:60Z", "2026-02-30T10:00:00Z",
                "2026-11-23T24:00:00Z", "2026-11-23T18:29:28.Z", "2026-11-23 18:29:28.000Z", "+12026-11-23T18:29:28Z",
                "2026-11-23T18:29:28.1234567890Z"}) {
            assertThat(StoredTimestamps.parseUtc(other)).as(other).isNull();
        }
        assertThat(StoredTimestamps.parse("2026-11-23T18:29:28+01:00")).isEqualTo(Instant.parse("2026-11-23T17:29:28Z"));
    }
}
