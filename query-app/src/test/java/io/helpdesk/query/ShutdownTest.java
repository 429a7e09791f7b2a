package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShutdownTest {

    /** Two apps in one JVM (as tests and restarts within a JVM have them) do not share Netty's event loops. */
    @Test
    void closing_one_app_leaves_another_in_the_same_jvm_serving() throws Exception {
        ConfigurableApplicationContext first = QueryApplication.application().run(args());
        try {
            QueryApplication.application().run(args()).close();
            String url = "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port")
                    + "/actuator/health";
            java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(15))
                                             .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            // With Reactor Netty's JVM-wide resources, closing the second app stopped the first one's server.
            assertThat(answer.statusCode()).isEqualTo(200);
        } finally {
            first.close();
        }
    }

    private static String[] args() {
        return Stream.concat(Stream.of(TestDatabase.create().args()), Stream.of("--server.port=0"))
                     .toArray(String[]::new);
    }

    @Test
    void closing_query_app_ends_the_live_streams_instead_of_waiting_for_them() {
        ConfigurableApplicationContext app = QueryApplication.application().run(args());
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ended = new CompletableFuture<>();
        Disposable stream;
        try {
            stream = WebClient.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"))
                              .get().uri("/api/stream")
                              .header(HttpHeaders.AUTHORIZATION, TestTokens.defaultBearer())
                              .retrieve()
                              .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                              })
                              .subscribe(received::add, e -> ended.complete("error: " + e),
                                         () -> ended.complete("completed"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        } finally {
            app.close();
        }
        // Without the streams ended first, the graceful shutdown would give up on them and cut the connection.
        assertThat(ended).isCompletedWithValue("completed");
        stream.dispose();
    }
}
