package io.helpdesk.bench;

import io.helpdesk.security.LocalTokens;
import io.helpdesk.security.Role;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** HTTP to the apps as a signed-in user of the given role. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
                                                .executor(Executors.newFixedThreadPool(16))
                                                .connectTimeout(Duration.ofSeconds(5))
                                                .version(HttpClient.Version.HTTP_1_1)
                                                .build();
    /**
     * The open-loop steps' client. On two cores the load generator shares the CPU with the apps it measures:
     * at 200 requests/s java.net.http took 1.2-2.4 ms of CPU per request, Reactor Netty 0.9 ms, and at 500/s
     * the JDK client's own queue put its mean latency at 570-930 ms against 63 ms (same app, same host).
     * Connections are not limited: an open loop must not wait for a free one.
     */
    private final reactor.netty.http.client.HttpClient async = reactor.netty.http.client.HttpClient
            .create(ConnectionProvider.builder("bench").maxConnections(10_000).pendingAcquireMaxCount(-1).build())
            .responseTimeout(Duration.ofSeconds(60));
    private final LocalTokens tokens;

    Http(String secret) {
        this.tokens = new LocalTokens(secret);
    }

    String bearer(String user, Role... roles) {
        return "Bearer " + tokens.mint(user, Set.of(roles), List.of("team-1"), Instant.now(), Duration.ofHours(6));
    }

    HttpRequest.Builder request(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                          .header("Authorization", bearer);
    }

    HttpResponse<String> post(String url, String bearer, String json) throws Exception {
        return client.send(request(url, bearer).header("Content-Type", "application/json")
                                               .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                           HttpResponse.BodyHandlers.ofString());
    }

    /** An answer of the open-loop client. */
    record Answer(int status, HttpHeaders headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    CompletableFuture<Answer> postAsync(String url, String bearer, String json) {
        return async.headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, bearer)
                                               .set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
                    .post().uri(url).send(ByteBufFlux.fromString(Mono.just(json)))
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(
                            text -> new Answer(response.status().code(), response.responseHeaders(), text)))
                    .toFuture();
    }

    /** A GET; {@code header} and {@code value} name one more request header, or are null. */
    CompletableFuture<Answer> getAsync(String url, String bearer, String header, String value) {
        return async.headers(headers -> {
                        headers.set(HttpHeaderNames.AUTHORIZATION, bearer);
                        if (header != null) {
                            headers.set(header, value);
                        }
                    })
                    .get().uri(url)
                    .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(
                            text -> new Answer(response.status().code(), response.responseHeaders(), text)))
                    .toFuture();
    }

    HttpResponse<String> get(String url, String bearer) throws Exception {
        return client.send(request(url, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
