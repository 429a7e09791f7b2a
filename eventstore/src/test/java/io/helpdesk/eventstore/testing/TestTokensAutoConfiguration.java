package io.helpdesk.eventstore.testing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.test.web.reactive.server.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * Tests' WebTestClient sends the default test token unless a request sets its own Authorization header, over the
 * JDK's HTTP client: a Reactor Netty client sharing the app's event loops in one JVM now and then never sees
 * the answer to a request (spring-boot#10569), which the tests used to work around with retries.
 */
@AutoConfiguration
@ConditionalOnClass(WebTestClientBuilderCustomizer.class)
public class TestTokensAutoConfiguration {

    @Bean
    WebTestClientBuilderCustomizer defaultTestToken() {
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.defaultBearer())
                                 .clientConnector(new JdkClientHttpConnector(
                                         java.net.http.HttpClient.newBuilder()
                                                                 .version(java.net.http.HttpClient.Version.HTTP_1_1)
                                                                 .build()));
    }
}
