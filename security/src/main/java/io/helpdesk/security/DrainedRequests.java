package io.helpdesk.security;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every request is read to its end before it is handled, so whatever answers it early (a 401, a 429, a 400 for a
 * parameter) answers a request that has been read, as HTTP/1.1 asks of a server that keeps the connection.
 * Reactor Netty 1.2 neither drains an unread body nor closes the connection, and the next request on that
 * keep-alive connection was then never answered (the fuzz runs found one request in about 150 so, each right
 * after such an answer; reactor-netty#324). A request without a body too: answered at once, before Netty had
 * passed on the request's (empty) end, it left the next request on its connection unanswered about once in
 * fifteen early answers (KeptAliveConnectionTest). Closing the connection instead made clients that were still
 * sending a large body see no answer at all. Bodies are small here (JSON and webhook forms, at most
 * {@link #MAX_BODY}); a larger one is answered 413 and its connection closed. Multipart bodies may carry files
 * up to a configured size more; their file parts are kept on disk, not in memory, while they are read.
 */
final class DrainedRequests implements WebFilter, Ordered {

    static final int MAX_BODY = 1024 * 1024;

    private final SecurityProblems problems;
    private final long maxMultipart;

    DrainedRequests(SecurityProblems problems, long maxFiles) {
        this.problems = problems;
        this.maxMultipart = MAX_BODY + Math.max(0, maxFiles);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long length = headers.getContentLength();
        if (length <= 0 && !headers.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            return exchange.getRequest().getBody().then(chain.filter(exchange));
        }
        MediaType type = headers.getContentType();
        boolean multipart = MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
        if (length > (multipart ? maxMultipart : MAX_BODY)) {
            return tooLarge(exchange, multipart);
        }
        // Forms are read by the exchange itself, which keeps what it read for the handler.
        if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return exchange.getFormData().then(chain.filter(exchange))
                           .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, false));
        }
        if (multipart) {
            return exchange.getMultipartData().then(chain.filter(exchange))
                           .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, true));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY)
                              .switchIfEmpty(Mono.fromSupplier(
                                      () -> exchange.getResponse().bufferFactory().allocateBuffer(0)))
                              .flatMap(body -> {
                                  // Handed out once; whoever takes it releases it, and if nobody does, this does.
                                  AtomicBoolean taken = new AtomicBoolean();
                                  ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(
                                          exchange.getRequest()) {
                                      @Override
                                      public Flux<DataBuffer> getBody() {
                                          return Flux.defer(() -> taken.compareAndSet(false, true)
                                                  ? Flux.just(body)
                                                  : Flux.error(new IllegalStateException("the body was read already")));
                                      }
                                  };
                                  return chain.filter(exchange.mutate().request(request).build())
                                              .doFinally(signal -> {
                                                  if (!taken.get()) {
                                                      DataBufferUtils.release(body);
                                                  }
                                              });
                              })
                              .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, false));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, boolean multipart) {
        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        long max = multipart ? maxMultipart : MAX_BODY;
        return problems.status(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                               "the request body is larger than " + max / 1024 + " KB");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
