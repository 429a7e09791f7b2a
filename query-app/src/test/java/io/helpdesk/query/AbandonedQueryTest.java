package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A figure nobody waits for any more stops running in PostgreSQL: the client that asked goes away while its
 * query waits (here on a lock an administrator's transaction holds on the analytics table), and the query is
 * cancelled at once, not after the statement timeout. A query two clients wait for keeps running when one of them
 * leaves, and answers the other.
 */
@QueryAppTest
class AbandonedQueryTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** A request written on a socket of its own, so that the test can hang up on it. */
    private Socket ask(String uri) throws IOException {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        TestTokens.as("mia", Role.MANAGER).accept(headers);
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                   + headers.getFirst("Authorization") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The figure queries running in PostgreSQL now, by whether they wait for a lock. */
    private List<String> running() {
        return jdbc.queryForList("""
                SELECT COALESCE(wait_event_type, 'running') FROM pg_stat_activity
                WHERE application_name LIKE 'helpdesk-query-%' AND state = 'active'""", String.class);
    }

    private double abandoned() {
        return meters.get("helpdesk.queries.abandoned").counter().count();
    }

    private double waiting() {
        return meters.get("helpdesk.figures.waiting").gauge().value();
    }

    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int read = 0;
        while (read < head.length) {
            int n = in.read(head, read, head.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(head, 0, read, StandardCharsets.US_ASCII);
    }

    @Test
    void a_query_nobody_waits_for_is_cancelled_and_one_still_awaited_answers() throws Exception {
        try (Connection admin = dataSource.getConnection()) {
            admin.setAutoCommit(false);
            try (Statement lock = admin.createStatement()) {
                lock.execute("LOCK TABLE readmodel.ticket_fact IN ACCESS EXCLUSIVE MODE");
            }
            Socket leaving = ask("/api/analytics/volume?by=channel");
            await().atMost(Duration.ofSeconds(20)).until(() -> running().equals(List.of("Lock")));
            leaving.close();
            // Gone long before the statement timeout (30 s), while the lock is still held.
            await().atMost(Duration.ofSeconds(10)).until(() -> running().isEmpty());
            assertThat(abandoned()).isEqualTo(1);

            // Two ask the same: one leaving does not take the answer from the other.
            Socket staying = ask("/api/analytics/volume?by=priority");
            Socket alsoAsking = ask("/api/analytics/volume?by=priority");
            await().atMost(Duration.ofSeconds(20)).until(() -> running().equals(List.of("Lock")));
            CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> {
                try {
                    return answer(staying);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 2);
            alsoAsking.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 1);
            admin.rollback();
            assertThat(answered.get(30, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200");
            staying.close();
            assertThat(abandoned()).as("queries given up").isEqualTo(1);
        }
        // The connections the cancelled query used serve the next questions; none is left inside a transaction.
        try (Socket again = ask("/api/analytics/volume?by=channel")) {
            assertThat(answer(again)).isEqualTo("HTTP/1.1 200");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT state FROM pg_stat_activity WHERE application_name LIKE 'helpdesk-query-%'", String.class)
                .isEmpty());
    }
}
