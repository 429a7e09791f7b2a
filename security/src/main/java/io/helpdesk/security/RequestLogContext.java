package io.helpdesk.security;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.UUID;

/**
 * Every log line a request causes names its correlation id and, once the token is verified, its user (the MDC
 * keys {@code correlationId} and {@code user}, beside tracing's {@code traceId} and {@code spanId}). The values
 * travel in the Reactor context and are restored into the MDC on whichever thread runs the request's work
 * ({@code spring.reactor.context-propagation: auto}).
 *
 * <p>The correlation id is the caller's {@code X-Correlation-Id} when it is a usable id (at most 200 characters,
 * no control characters), otherwise a new one; it is answered in the same header and recorded on every event
 * the request causes, so a log line, a response and an event can be matched.
 */
public final class RequestLogContext implements WebFilter, Ordered {

    public static final String HEADER = "X-Correlation-Id";
    /** MDC key, Reactor context key and event metadata key. */
    public static final String CORRELATION_ID = "correlationId";
    /** MDC key and Reactor context key of the verified caller's user name. */
    public static final String USER = "user";
    public static final int MAX_LENGTH = 200;

    private static final String ATTRIBUTE = RequestLogContext.class.getName() + ".correlationId";

    static {
        ContextRegistry registry = ContextRegistry.getInstance();
        for (String key : new String[] {CORRELATION_ID, USER}) {
            registry.registerThreadLocalAccessor(key, () -> MDC.get(key), value -> MDC.put(key, value),
                                                 () -> MDC.remove(key));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = usable(exchange.getRequest().getHeaders().getFirst(HEADER));
        String correlationId = id != null ? id : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        exchange.getResponse().getHeaders().set(HEADER, correlationId);
        return chain.filter(exchange).contextWrite(Context.of(CORRELATION_ID, correlationId));
    }

    /** Runs before security, so refusals of a missing or bad token are logged with the id too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** This request's correlation id (a new one on an exchange that did not pass the filter). */
    public static String correlationId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = UUID.randomUUID().toString();
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }

    /** The given id when it can be logged and recorded as is, otherwise null. */
    public static String usable(String given) {
        return given == null || given.isBlank() || given.length() > MAX_LENGTH
                || given.chars().anyMatch(Character::isISOControl) ? null : given;
    }

    /** The rest of the chain with the verified user in the MDC of its log lines. */
    static Mono<Void> asUser(String user, Mono<Void> rest) {
        return rest.contextWrite(Context.of(USER, user));
    }
}
