package io.helpdesk.query.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who the customer is to the business: looked up in the commerce API, cached for {@code cache-ttl}, behind a
 * timeout and a circuit breaker. A lookup that fails answers UNAVAILABLE instead of failing the ticket view
 * that asked for it; failures are not cached, so the next view tries again (unless the breaker is open).
 */
@Component
@RestController
@EnableConfigurationProperties(CommerceSettings.class)
public class CustomerContextLookup {

    public enum Status { OK, UNKNOWN_CUSTOMER, UNAVAILABLE, NOT_CONFIGURED }

    public record CustomerContext(Status status, String customerId, String name, List<JsonNode> recentOrders,
                                  String reason) {

        static CustomerContext of(Status status, String reason) {
            return new CustomerContext(status, null, null, List.of(), reason);
        }
    }

    private final WebClient http;
    private final CommerceSettings settings;
    private final CircuitBreaker breaker;
    private final AsyncCache<String, CustomerContext> cache;

    public CustomerContextLookup(WebClient.Builder http, CommerceSettings settings) {
        this.http = http.build();
        this.settings = settings;
        this.breaker = CircuitBreaker.of("commerce", CircuitBreakerConfig.custom()
                                                                        .slidingWindowSize(10)
                                                                        .minimumNumberOfCalls(5)
                                                                        .failureRateThreshold(50)
                                                                        .waitDurationInOpenState(settings.breakerOpen())
                                                                        .build());
        this.cache = Caffeine.newBuilder().expireAfterWrite(settings.cacheTtl()).maximumSize(10_000).buildAsync();
    }

    @GetMapping("/api/customers/{email}/context")
    public Mono<CustomerContext> context(@PathVariable String email) {
        if (!settings.configured()) {
            return Mono.just(CustomerContext.of(Status.NOT_CONFIGURED, "helpdesk.commerce.base-url is not set"));
        }
        return Mono.fromFuture(() -> lookup(email.toLowerCase()))
                   .onErrorResume(e -> Mono.just(CustomerContext.of(Status.UNAVAILABLE, e.getMessage())));
    }

    /**
     * The cached lookup, or a new one. The cache drops a failed lookup only after the views waiting on it have
     * been answered, so the next view can still find it there for a moment: it starts a new lookup instead.
     */
    private CompletableFuture<CustomerContext> lookup(String email) {
        CompletableFuture<CustomerContext> lookup = cache.get(email, (key, executor) -> fetch(key).toFuture());
        if (lookup.isCompletedExceptionally()) {
            cache.asMap().remove(email, lookup);
            lookup = cache.get(email, (key, executor) -> fetch(key).toFuture());
        }
        return lookup;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    private Mono<CustomerContext> fetch(String email) {
        Mono<CustomerContext> lookup = http.get().uri(settings.baseUrl() + "/customers?email={email}", email)
                .retrieve().bodyToMono(JsonNode.class)
                .flatMap(customer -> http.get()
                        .uri(settings.baseUrl() + "/customers/{id}/orders?limit={limit}",
                             customer.path("id").asText(), settings.recentOrders())
                        .retrieve().bodyToMono(JsonNode.class)
                        .map(orders -> {
                            List<JsonNode> recent = new java.util.ArrayList<>();
                            orders.forEach(recent::add);
                            return new CustomerContext(Status.OK, customer.path("id").asText(),
                                                       customer.path("name").asText(null), recent, null);
                        }))
                .onErrorResume(WebClientResponseException.class,
                               e -> e.getStatusCode() == HttpStatus.NOT_FOUND
                                       ? Mono.just(CustomerContext.of(Status.UNKNOWN_CUSTOMER, null))
                                       : Mono.error(e));
        return lookup.timeout(settings.timeout()).transformDeferred(CircuitBreakerOperator.of(breaker));
    }
}
