package io.helpdesk.bench;

import io.helpdesk.security.LocalTokens;
import io.helpdesk.security.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    CompletableFuture<HttpResponse<String>> postAsync(String url, String bearer, String json) {
        return client.sendAsync(request(url, bearer).header("Content-Type", "application/json")
                                                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url, String bearer) throws Exception {
        return client.send(request(url, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient client() {
        return client;
    }
}
