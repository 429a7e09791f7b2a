package io.helpdesk.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Netty cannot decode (a request line past {@code server.netty.max-initial-line-length}, headers past
 * {@code server.netty.max-header-size}, a malformed line) never reaches the web layer: Reactor Netty answers it
 * 414, 431 or 400 with an empty body. This handler sits right after the HTTP codec and answers it first, as every
 * other refusal is answered: {@code application/problem+json} that says what was too long, then it closes the
 * connection (the decoder discards the rest of what that connection sends). The same approach as Finagle's
 * {@code BadRequestHandler}; Reactor Netty 1.2 has no hook of its own for these answers.
 */
@ChannelHandler.Sharable
final class UndecodableRequests extends ChannelInboundHandlerAdapter {

    static final String NAME = "helpdesk.undecodableRequests";

    private static final Logger log = LoggerFactory.getLogger(UndecodableRequests.class);

    private final ObjectMapper json;

    UndecodableRequests(ObjectMapper json) {
        this.json = json;
    }

    /** Adds the handler to every connection of the server, after its HTTP codec. */
    static NettyServerCustomizer customizer(ObjectMapper json) {
        UndecodableRequests handler = new UndecodableRequests(json);
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, handler);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (!(message instanceof HttpObject object) || object.decoderResult().isSuccess()) {
            context.fireChannelRead(message);
            return;
        }
        try {
            if (object instanceof HttpRequest && context.channel().isActive()) {
                refuse(context, object.decoderResult());
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void refuse(ChannelHandlerContext context, DecoderResult result) {
        Throwable cause = result.cause();
        HttpResponseStatus status;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            detail = "The request line is too long: " + cause.getMessage() + ".";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request's headers are too large: " + cause.getMessage() + ".";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            detail = "The request is not valid HTTP/1.1: " + (cause == null ? "undecodable" : cause.getMessage())
                    + ".";
        }
        log.info("Refused an undecodable request from {}: {} {}", context.channel().remoteAddress(),
                 status.code(), detail);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.reasonPhrase());
        problem.put("status", status.code());
        problem.put("detail", detail);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                                                                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
