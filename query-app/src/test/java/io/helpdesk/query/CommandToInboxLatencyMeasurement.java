package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, for tickets opened one after another, the time from command-app's 201 response until query-app
 * serves the ticket. Prints the figures; asserts only that every ticket arrived. Run with
 * {@code ./mvnw -pl query-app -am verify -DexcludedGroups= -Dtest=CommandToInboxLatencyMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("measurement")
class CommandToInboxLatencyMeasurement {

    private static final int WARM_UP = 50;
    private static final int MEASURED = 300;
    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");

    @Test
    void command_response_to_visible_in_query() throws Exception {
        String bearer = TestTokens.defaultBearer();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        try (TwoApps apps = new TwoApps(TestDatabase.create())) {
            String commands = apps.commandUrl();
            String queries = apps.queryUrl();
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(commands + "/api/tickets"))
                        .header("Content-Type", "application/json").header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"customerEmail\":\"m" + i + "@example.com\",\"channel\":\"CHAT\","
                                        + "\"subject\":\"measure " + i + "\",\"body\":\"b\",\"importance\":5}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                assertThat(created.statusCode()).isEqualTo(201);
                Matcher id = TICKET_ID.matcher(created.body());
                assertThat(id.find()).isTrue();
                HttpRequest read = HttpRequest.newBuilder(URI.create(queries + "/api/tickets/" + id.group(1)))
                                              .header("Authorization", bearer).build();
                long deadline = answered + TimeUnit.SECONDS.toNanos(10);
                while (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    assertThat(System.nanoTime()).as("ticket %s visible within 10 s", id.group(1)).isLessThan(deadline);
                    LockSupport.parkNanos(200_000);
                }
                if (i >= WARM_UP) {
                    micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - answered));
                }
            }
        }
        System.out.printf("command-to-inbox visibility over %d tickets: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                                  + "max %.1f ms%n", micros.getTotalCount(),
                          micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
                          micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
        assertThat(micros.getTotalCount()).isEqualTo(MEASURED);
    }
}
