package io.helpdesk.eventstore.testing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.test.web.reactive.server.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/** Tests' WebTestClient sends the default test token unless a request sets its own Authorization header. */
@AutoConfiguration
@ConditionalOnClass(WebTestClientBuilderCustomizer.class)
public class TestTokensAutoConfiguration {

    @Bean
    WebTestClientBuilderCustomizer defaultTestToken() {
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.defaultBearer());
    }
}
