package io.helpdesk.eventstore.testing;

import io.helpdesk.security.LocalTokens;
import io.helpdesk.security.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint an app maps, crossed with no token, broken tokens and each role: 401 without a valid token,
 * 403 (as problem+json) for a role the rules leave out, and for a role they let in an answer from the
 * endpoint itself (2xx, or its own 4xx for the made-up ids and empty bodies used here) and never a 5xx.
 */
public final class AccessMatrix {

    /** One mapped endpoint; path variables are filled with made-up values. */
    public record Endpoint(HttpMethod method, String pattern) {

        public String uri() {
            return pattern.replaceAll("\\{([^}]+)}", "matrix-$1");
        }

        boolean streams() {
            return pattern.endsWith("/stream") || pattern.endsWith("/progress");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private final WebTestClient client;

    public AccessMatrix(String baseUrl) {
        this.client = TestTokens.independentClient(baseUrl);
    }

    /** Every method and path the app's controllers map. */
    public static List<Endpoint> endpoints(ApplicationContext context) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> mapping
                .getHandlerMethods().forEach((info, method) -> {
                    if (!method.getBeanType().getPackageName().startsWith("io.helpdesk")) {
                        return;
                    }
                    info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition()
                            .getMethods().forEach(verb -> {
                                if (seen.add(verb + " " + pattern.getPatternString())) {
                                    endpoints.add(new Endpoint(HttpMethod.valueOf(verb.name()),
                                                               pattern.getPatternString()));
                                }
                            }));
                }));
        endpoints.sort(java.util.Comparator.comparing(Endpoint::toString));
        return endpoints;
    }

    /** Checks one endpoint against every kind of caller. */
    public void check(Endpoint endpoint, Set<Role> allowed) {
        String path = endpoint.toString();
        Answer none = send(endpoint, headers -> { });
        assertThat(none.status).as("%s without a token", path).isEqualTo(401);
        assertThat(none.problem).as("%s without a token answers problem+json", path).isTrue();
        assertThat(send(endpoint, bearer(forged())).status).as("%s with a token signed by another key", path)
                                                          .isEqualTo(401);
        assertThat(send(endpoint, bearer(expired())).status).as("%s with an expired token", path).isEqualTo(401);
        assertThat(send(endpoint, bearer("not.a.jwt")).status).as("%s with garbage for a token", path)
                                                             .isEqualTo(401);
        Answer noRole = send(endpoint, bearer(TestTokens.token("nobody", Set.of(), List.of())));
        assertThat(noRole.status).as("%s with a token granting no role", path).isEqualTo(403);
        for (Role role : Role.values()) {
            Answer answer = send(endpoint, bearer(TestTokens.token("matrix-" + role.name().toLowerCase(),
                                                                   Set.of(role), List.of("matrix-team"))));
            if (allowed.contains(role)) {
                assertThat(answer.deniedByRole()).as("%s as %s is let in (answered %s %s)", path, role,
                                                     answer.status, answer.body).isFalse();
                assertThat(answer.status).as("%s as %s answered %s %s", path, role, answer.status, answer.body)
                                         .isNotIn(401).isLessThan(500);
            } else {
                assertThat(answer.deniedByRole()).as("%s as %s is refused (answered %s %s)", path, role,
                                                     answer.status, answer.body).isTrue();
                assertThat(answer.problem).as("%s as %s refusal is problem+json", path, role).isTrue();
            }
        }
    }

    public static Set<Role> roles(Role... roles) {
        return roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }

    private Answer send(Endpoint endpoint, Consumer<HttpHeaders> headers) {
        WebTestClient.RequestBodySpec request = client.method(endpoint.method()).uri(endpoint.uri()).headers(headers);
        if (endpoint.streams()) {
            request.accept(MediaType.TEXT_EVENT_STREAM);
        }
        WebTestClient.RequestHeadersSpec<?> ready = endpoint.method() == HttpMethod.POST
                || endpoint.method() == HttpMethod.PUT
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}") : request;
        FluxExchangeResult<byte[]> result = exchange(ready);
        int status = result.getStatus().value();
        boolean problem = MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
                result.getResponseHeaders().getContentType());
        String body;
        if (status == 200 && endpoint.streams()) {
            result.getResponseBody().subscribe().dispose();
            body = "(stream)";
        } else {
            List<byte[]> chunks = result.getResponseBody().collectList().block(Duration.ofSeconds(30));
            StringBuilder text = new StringBuilder();
            chunks.forEach(chunk -> text.append(new String(chunk, StandardCharsets.UTF_8)));
            body = text.toString();
        }
        return new Answer(status, problem, body);
    }

    private static FluxExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange().returnResult(byte[].class);
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    private static String forged() {
        return new LocalTokens("some-other-key-that-is-long-enough-for-hs256")
                .mint("intruder", Set.of(Role.ADMIN), List.of(), Instant.now(), Duration.ofHours(1));
    }

    private static String expired() {
        return new LocalTokens(TestTokens.SECRET).mint("late", Set.of(Role.ADMIN), List.of(),
                                                       Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1));
    }

    private record Answer(int status, boolean problem, String body) {

        boolean deniedByRole() {
            return status == 403 && body.contains("Your token's roles");
        }
    }
}
