package io.helpdesk.command.web;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.security.Caller;
import io.helpdesk.security.RequestLogContext;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;


/**
 * Sends commands from the reactive web layer. Command handling blocks on JDBC, so it runs on the
 * bounded-elastic scheduler; the Mono completes only after the events are committed. A conflicting concurrent
 * write on the same aggregate is retried (resilience4j instance {@code commands}).
 */
@Component
public class CommandDispatcher {

    public static final String CORRELATION_HEADER = RequestLogContext.HEADER;
    public static final String CORRELATION_ID = RequestLogContext.CORRELATION_ID;
    public static final String USER = RequestLogContext.USER;

    public static final String POSITION_HEADER = "X-Event-Position";

    static final int MAX_CORRELATION_ID = RequestLogContext.MAX_LENGTH;

    private final CommandGateway gateway;
    private final Retry retry;
    private final WrittenEvents written;

    public CommandDispatcher(CommandGateway gateway, RetryRegistry retries, WrittenEvents written) {
        this.gateway = gateway;
        this.retry = retries.retry("commands");
        this.written = written;
    }

    public <R> Mono<R> send(Object command, ServerWebExchange exchange) {
        return dispatch(command, metaData(exchange), exchange);
    }

    /** With metadata of the caller's (a macro's id and version), recorded on every event the command causes. */
    public <R> Mono<R> send(Object command, MetaData extra, ServerWebExchange exchange) {
        return dispatch(command, metaData(exchange).mergedWith(extra), exchange);
    }

    /** For requests without a token (signed webhooks): {@code user} names the system that sent the command. */
    public <R> Mono<R> send(Object command, String user, ServerWebExchange exchange) {
        return dispatch(command, MetaData.with(CORRELATION_ID, correlationId(exchange)).and(USER, user), exchange);
    }

    private <R> Mono<R> dispatch(Object command, MetaData metaData, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> written.track(() -> gateway.<R>sendAndWait(
                           GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))))
                   .subscribeOn(Schedulers.boundedElastic())
                   .transformDeferred(RetryOperator.of(retry))
                   .doOnNext(done -> exchange.getResponse().getHeaders()
                                             .set(POSITION_HEADER, String.valueOf(done.position())))
                   .mapNotNull(WrittenEvents.Written::result);
    }

    private static MetaData metaData(ServerWebExchange exchange) {
        MetaData metaData = MetaData.with(CORRELATION_ID, correlationId(exchange));
        Long expected = ExpectedVersions.of(exchange);
        MetaData versioned = expected == null ? metaData : metaData.and(ExpectedVersions.METADATA, expected);
        return Caller.find(exchange).map(caller -> versioned.and(USER, caller.user())).orElse(versioned);
    }

    /** Recorded on every event the request causes (an id, not a document), as its log lines carry it. */
    private static String correlationId(ServerWebExchange exchange) {
        String given = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
        if (given != null && given.length() > MAX_CORRELATION_ID) {
            throw new InvalidInput(CORRELATION_HEADER, "must be at most " + MAX_CORRELATION_ID + " characters");
        }
        return RequestLogContext.correlationId(exchange);
    }
}
