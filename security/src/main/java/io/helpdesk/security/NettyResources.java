package io.helpdesk.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.web.reactive.ReactiveWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.function.client.ClientHttpConnectorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The app's Netty event loops and client connection pool belong to its application context and end with it.
 * Spring Boot's default shares Reactor Netty's JVM-wide resources, and stopping any context disposes them:
 * closing one app (a test context, an app restarted within the JVM) stopped the server of every other app in
 * the same JVM, whose next request was refused. One app per JVM, as in production, behaves the same either way.
 */
@AutoConfiguration(before = {ReactiveWebServerFactoryAutoConfiguration.class,
        ClientHttpConnectorAutoConfiguration.class})
@ConditionalOnClass(ReactorResourceFactory.class)
public class NettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
