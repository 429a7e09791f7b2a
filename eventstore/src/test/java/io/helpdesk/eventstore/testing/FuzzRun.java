package io.helpdesk.eventstore.testing;

import io.helpdesk.eventstore.testing.AccessMatrix.Endpoint;
import org.springframework.context.ApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, bounded fuzz run over every endpoint an app maps: odd path ids, odd query values, broken and
 * hostile bodies, as a caller holding every role. What a user may never see: a 5xx, or a 4xx that is not
 * {@code application/problem+json}. The same seed sends the same requests.
 */
public final class FuzzRun {

    /** What was sent and what came back, for the failures. */
    public record Failure(String request, int status, String contentType, String body) {
    }

    public record Result(int requests, int serverErrors, int plainClientErrors, int undocumented,
                         List<Failure> failures, Map<Integer, Integer> statuses, int retries,
                         List<String> sentAgain) {

        @Override
        public String toString() {
            return requests + " requests, " + serverErrors + " answered 5xx, " + plainClientErrors
                    + " 4xx not problem+json, " + undocumented + " answers the OpenAPI description does not allow; "
                    + "by status " + statuses + "; " + retries + " sent again after the app closed the connection"
                    + (sentAgain.isEmpty() ? "" : " " + sentAgain);
        }
    }

    private static final String[] PATH_VALUES = {
            "x", "a.b", "..", "%2E", "%2F", "a%2Fb", ";", "a;b", "%00", "%C3%BC", "%E2%80%AE", "1e309", "-1",
            "00000000-0000-0000-0000-000000000000", "%20", "x".repeat(300), "y".repeat(5000), "%25", "%5C"};

    private static final String[] PARAMETERS = {
            "from", "to", "limit", "q", "cursor", "status", "view", "sort", "by", "group", "format", "aggregateId",
            "customer", "at", "sequence", "topics", "priority", "channel", "tag", "team", "assignee", "after",
            "unread", "target", "state", "access_token"};

    private static final String[] PARAMETER_VALUES = {
            "", "%00", "a%00b", "-1", "0", "1", "201", "99999999999999999999", "abc", "%27%3B--", "P0",
            "2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z", "+1000000000-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "1800-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "z".repeat(3000), "%F0%9F%98%80", "%ED%A0%80",
            "ticket,channel,unknown", "csv", "ndjson", "xml", "mine", "sla", "NaN", "true"};

    private static final String[] BODIES = {
            "", "{}", "[]", "null", "42", "\"text\"", "{", "{\"a\":", "{\"body\":\"x\",\"body\":\"y\"}",
            "{\"body\":\"nul \\u0000\"}", "{\"body\":\"lone \\ud800\"}", "{\"body\":123}", "{\"body\":[1,2]}",
            "{\"body\":{\"a\":1}}", "{\"channel\":\"FAX\"}", "{\"priority\":\"P9\"}", "{\"importance\":\"high\"}",
            "{\"importance\":1e400}", "{\"score\":99999999999999999999}", "{\"tags\":\"notalist\"}",
            "{\"tags\":[null]}", "{\"members\":[1,2]}", "{\"targets\":{\"P1\":{\"firstResponse\":\"soon\"}}}",
            "{\"targets\":{\"P9\":{}}}", "{\"readModel\":\"nothing\"}", "{\"readModel\":null}",
            "[" .repeat(5000) + "]".repeat(5000), "{\"body\":\"" + "b".repeat(300_000) + "\"}"};

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearer;
    private final PublishedApi api;

    public FuzzRun(String baseUrl) {
        this.baseUrl = baseUrl;
        this.api = PublishedApi.of(baseUrl);
        this.bearer = TestTokens.defaultBearer();
        if (!bearer.startsWith("Bearer ")) {
            throw new IllegalStateException("the default bearer header has changed its form");
        }
    }

    /** The seed every fuzz run of the test suite uses: a failure names the request, the seed sends it again. */
    public static final long SEED = 20261204L;

    /**
     * Runs the fuzz over every endpoint the app maps, prints its figures, and checks that no answer was a 5xx,
     * a bare 4xx or one outside the published description, after checking that the description can tell.
     */
    public static Result checkEveryEndpoint(String app, String baseUrl, ApplicationContext context,
                                            int requestsPerEndpoint) {
        PublishedApi.of(baseUrl).assertItTellsDocumentedFromUndocumented();
        Result result = new FuzzRun(baseUrl).run(AccessMatrix.endpoints(context), SEED, requestsPerEndpoint);
        System.out.println(app + " fuzz run (seed " + SEED + "): " + result);
        org.assertj.core.api.Assertions.assertThat(result.failures()).as(result.toString()).isEmpty();
        checkUndecodableRequests(baseUrl);
        return result;
    }

    /**
     * Requests Netty cannot decode never reach the app's handlers; they are answered as problems too: a request
     * line past the limit 414, headers past it 431, a malformed header line 400, each with a problem+json body.
     */
    static void checkUndecodableRequests(String baseUrl) {
        URI base = URI.create(baseUrl);
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("GET /api/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
        expected.put("GET /api/tickets HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n", 431);
        expected.put("GET /api/tickets HTTP/1.1\r\nHost: a\r\nBad Header Line\r\n\r\n", 400);
        for (Map.Entry<String, Integer> request : expected.entrySet()) {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(request.getKey().getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String what = abbreviate(request.getKey()) + " -> " + abbreviate(answer);
                org.assertj.core.api.Assertions.assertThat(answer).as(what)
                        .startsWith("HTTP/1.1 " + request.getValue() + " ")
                        .containsIgnoringCase("content-type: application/problem+json")
                        .contains("\"status\":" + request.getValue());
            } catch (IOException e) {
                throw new IllegalStateException("no answer to " + abbreviate(request.getKey()), e);
            }
        }
    }

    public Result run(List<Endpoint> endpoints, long seed, int requestsPerEndpoint) {
        Random random = new Random(seed);
        List<Failure> failures = new ArrayList<>();
        int requests = 0;
        int serverErrors = 0;
        int plainClientErrors = 0;
        int undocumented = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.pattern().endsWith("/stream") || endpoint.pattern().endsWith("/progress")) {
                continue;
            }
            for (int i = 0; i < requestsPerEndpoint; i++) {
                String path = endpoint.pattern().replaceAll("\\{[^}]+}", "\u0001");
                StringBuilder uri = new StringBuilder();
                for (char c : path.toCharArray()) {
                    uri.append(c == '\u0001' ? pick(random, PATH_VALUES) : String.valueOf(c));
                }
                int parameters = random.nextInt(4);
                for (int p = 0; p < parameters; p++) {
                    uri.append(p == 0 ? '?' : '&').append(pick(random, PARAMETERS)).append('=')
                       .append(pick(random, PARAMETER_VALUES));
                }
                String body = pick(random, BODIES);
                requests++;
                Answer answer = send(endpoint.method().name(), uri.toString(), body);
                statuses.merge(answer.status, 1, Integer::sum);
                String request = endpoint.method() + " " + abbreviate(uri.toString())
                        + (body.isEmpty() ? "" : " " + abbreviate(body));
                if (answer.status >= 500) {
                    serverErrors++;
                    failures.add(new Failure(request, answer.status, answer.contentType, abbreviate(answer.body)));
                } else if (answer.status >= 400 && !answer.contentType.startsWith("application/problem+json")) {
                    plainClientErrors++;
                    failures.add(new Failure(request, answer.status, answer.contentType, abbreviate(answer.body)));
                } else {
                    String rawPath = uri.indexOf("?") < 0 ? uri.toString() : uri.substring(0, uri.indexOf("?"));
                    List<String> mismatches = api.mismatches(endpoint.method().name(), rawPath, answer.status,
                                                             answer.contentType, answer.body);
                    if (!mismatches.isEmpty()) {
                        undocumented++;
                        failures.add(new Failure(request + " " + mismatches, answer.status, answer.contentType,
                                                 abbreviate(answer.body)));
                    }
                }
            }
        }
        return new Result(requests, serverErrors, plainClientErrors, undocumented, failures, statuses, retries,
                          List.copyOf(sentAgain));
    }

    private record Answer(int status, String contentType, String body) {
    }

    private int retries;
    /** The request answered last, and how: what came just before a request that was never answered. */
    private String previous = "(none)";
    /** Which requests were sent again and why. */
    private final List<String> sentAgain = new ArrayList<>();

    private Answer send(String method, String uri, String body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + uri));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the fuzz run built a URI the client refuses: " + uri, e);
        }
        request.timeout(Duration.ofSeconds(30)).header("Authorization", bearer)
               .header("Content-Type", "application/json")
               .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                       : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                previous = method + " " + abbreviate(uri) + " -> " + response.statusCode()
                        + response.headers().firstValue("Connection").map(c -> " Connection: " + c).orElse("");
                return new Answer(response.statusCode(),
                                  response.headers().firstValue("Content-Type").orElse("(none)"), response.body());
            } catch (java.net.http.HttpTimeoutException e) {
                // Never answered: a fault of the app's (see KeptAliveConnectionTest), not sent again.
                return new Answer(599, "(no answer within 30 s, after " + previous + ")", "");
            } catch (IOException e) {
                // The app closed the connection (Connection: close after a body it refused) as the client reused
                // it: a client sends such a request again.
                retries++;
                sentAgain.add(method + " " + abbreviate(uri) + " (" + e.getClass().getSimpleName() + ", after "
                                      + previous + ")");
                if (attempt == 2) {
                    return new Answer(599, "(connection failed: " + e + ")", "");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
    }
}
