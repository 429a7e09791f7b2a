package io.helpdesk.eventstore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorExecutorTest {

    private final CoordinatorExecutor executor = new CoordinatorExecutor("inbox");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void theFullQueueWaitBecomesAShortRecheck() {
        ScheduledFuture<?> recheck = executor.schedule(() -> { }, 100, TimeUnit.MILLISECONDS);

        assertThat(recheck.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(CoordinatorExecutor.RECHECK_MILLIS);
    }

    @Test
    void otherDelaysAreKept() {
        ScheduledFuture<?> claim = executor.schedule(() -> { }, 1000, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> backOff = executor.schedule(() -> { }, 2, TimeUnit.SECONDS);

        assertThat(claim.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(500);
        assertThat(backOff.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(1500);
    }

    @Test
    void itsThreadIsNamedForTheProcessorAsAxonNamesIt() throws Exception {
        String name = executor.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);

        assertThat(name).startsWith("Coordinator[inbox]");
    }
}
