package io.helpdesk.command.alerts;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.util.Map;

/**
 * Posts an alert to every configured webhook: each attempt bounded by a timeout, retried with backoff
 * (resilience4j {@code alerts}), behind a circuit breaker per target so that a target that is down costs
 * nothing until it is tried again. An alert that cannot be delivered is logged and counted, never allowed to
 * hold up the events behind it.
 */
@Component
public class AlertSender {

    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

    private final WebClient http;
    private final AlertSettings settings;
    private final Retry retry;
    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;

    public AlertSender(WebClient.Builder http, AlertSettings settings, RetryRegistry retries,
                       CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.http = http.build();
        this.settings = settings;
        this.retry = retries.retry("alerts", "alerts");
        this.breakers = breakers;
        this.meters = meters;
    }

    public void send(String text) {
        for (String url : settings.webhookUrls()) {
            CircuitBreaker breaker = breakers.circuitBreaker("alerts-" + URI.create(url).getAuthority(), "alerts");
            try {
                http.post().uri(url).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("text", text))
                    .retrieve()
                    .toBodilessEntity()
                    .timeout(settings.timeout())
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .transformDeferred(RetryOperator.of(retry))
                    .block();
                meters.counter("helpdesk.alerts.sent").increment();
            } catch (RuntimeException e) {
                meters.counter("helpdesk.alerts.failed").increment();
                log.warn("Alert not delivered to {} ({}): {}", url, breaker.getState(), e.getMessage());
            }
        }
    }
}
