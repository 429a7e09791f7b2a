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

    public static String defaultBearer() {
        return "Bearer " + token(DEFAULT_USER, Set.of(Role.values()), List.of());
    }
}
