package io.helpdesk.eventstore.testing;

import io.helpdesk.security.LocalTokens;
import io.helpdesk.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bearer tokens for tests, signed with the key {@link TestDatabase} gives the apps. Requests without their
 * own Authorization header go as {@link #DEFAULT_USER}, who holds every role.
 */
public final class TestTokens {

    public static final String SECRET = "test-key-for-helpdesk-tests-only-0123456789";
    /** The seal's Ed25519 private key in tests: base64 of 32 bytes. */
    public static final String SEAL_KEY = java.util.Base64.getEncoder().encodeToString(
            "seal-key-for-helpdesk-tests-only".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    public static final String DEFAULT_USER = "tester";

    private static final LocalTokens TOKENS = new LocalTokens(SECRET);

    private TestTokens() {
    }

    public static String token(String user, Set<Role> roles, List<String> teams) {
        return TOKENS.mint(user, roles, teams, Instant.now(), Duration.ofHours(2));
    }

    /** Headers for a request as {@code user} with one role and the given teams. */
    public static Consumer<HttpHeaders> as(String user, Role role, String... teams) {
        String token = token(user, Set.of(role), List.of(teams));
        return headers -> headers.setBearerAuth(token);
    }

    /** Headers for a request as {@code user} holding every role, for tests about something else than roles. */
    public static Consumer<HttpHeaders> as(String user, String... teams) {
        String token = token(user, Set.of(Role.values()), List.of(teams));
        return headers -> headers.setBearerAuth(token);
    }

    /**
     * A client on the JDK's HTTP client rather than Reactor Netty: a Netty client sharing the app's event loops
     * in one JVM now and then never sees the answer to its first request (spring-boot#10569).
     */
    public static WebTestClient independentClient(String baseUrl) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                                                            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        return WebTestClient.bindToServer(new JdkClientHttpConnector(http)).baseUrl(baseUrl)
                            .responseTimeout(Duration.ofSeconds(15)).build();
    }

    /**
     * Waits until the app answers a request. Now and then the very first request to a freshly started
     * query-app in a test JVM gets no answer at all (every thread idle); a second one does. Tests whose first
     * request matters call this first. Two causes were found and fixed (a request body answered unread hung the
     * connection's next request, see DrainedRequests; closing any app in the JVM stopped the servers of the
     * others, see NettyResources); another remains unexplained (seen in CI on 2026-12-05 with the JDK client
     * once this wait was gone), so the wait stays.
     */
    public static void awaitServing(String baseUrl) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/actuator/health"))
                                                     .timeout(Duration.ofSeconds(2)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException e) {
                // not answered: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(baseUrl + " answered nothing within 60 s");
    }

    public static String defaultBearer() {
        return "Bearer " + token(DEFAULT_USER, Set.of(Role.values()), List.of());
    }
}
