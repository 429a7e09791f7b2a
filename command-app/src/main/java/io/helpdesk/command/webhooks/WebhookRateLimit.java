package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every inbound webhook, whichever provider's, is rate limited per source address (Resilience4j config
 * {@code webhooks}): a source sending too fast gets 429 with {@code Retry-After} before its delivery is read.
 */
@Component
public class WebhookRateLimit implements WebFilter {

    private static final String WEBHOOKS = "/api/webhooks/";

    private final RateLimiterRegistry limiters;
    private final ObjectMapper json;

    public WebhookRateLimit(RateLimiterRegistry limiters, ObjectMapper json) {
        this.limiters = limiters;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(WEBHOOKS)) {
            return chain.filter(exchange);
        }
        RateLimiter limiter = limiters.rateLimiter("webhook-" + source(exchange), "webhooks");
        if (limiter.acquirePermission()) {
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, limiter.getRateLimiterConfig().getLimitRefreshPeriod().toSeconds());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                                                                 "too many deliveries from this source");
        problem.setInstance(exchange.getRequest().getURI());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set("Retry-After", String.valueOf(retryAfter));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }

    private static String source(ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
    }
}
