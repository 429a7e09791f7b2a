package io.helpdesk.query.security;

import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.QueryAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused before the app read it to its end (a parameter the app turns away at once) leaves its
 * kept-alive connection serving the next request. Reactor Netty 1.2 answered nothing more on such a connection
 * when the answer was complete before the request's end had been read: one request in about fifteen after an
 * early 400, each then waiting for ever (the "request never answered" the tests used to retry).
 */
@QueryAppTest
class KeptAliveConnectionTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void the_request_after_an_early_refusal_on_the_same_connection_is_answered() throws Exception {
        // One client sending one request at a time: every request goes over the same kept-alive connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 150; i++) {
            // Refused by the type conversion of a parameter, then by the check of text PostgreSQL cannot hold.
            String refused = i % 2 == 0 ? "/api/contacts?limit=abc" : "/api/contacts?sort=%00";
            assertThat(send(client, refused)).as(refused).isEqualTo(400);
            assertThat(send(client, "/api/contacts")).as("the request after " + refused + ", round " + i)
                                                     .isEqualTo(200);
        }
    }

    private int send(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                      .timeout(Duration.ofSeconds(5))
                                      .header("Authorization", TestTokens.defaultBearer()).build(),
                           HttpResponse.BodyHandlers.discarding())
                     .statusCode();
    }
}
