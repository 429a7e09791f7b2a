package io.helpdesk.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** 401 and 403 as {@code application/problem+json}, with the {@code WWW-Authenticate} header RFC 6750 asks for. */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean rejected = failure instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION);
        String detail = rejected ? "The bearer token was rejected: " + failure.getMessage()
                : "This endpoint needs a bearer token (Authorization: Bearer <JWT>).";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                rejected ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String roles = Caller.find(exchange)
                             .map(caller -> caller.roles().isEmpty() ? "no role"
                                     : caller.roles().stream().map(Role::name).sorted()
                                             .collect(Collectors.joining(", ")))
                             .orElse("no role");
        return write(exchange, HttpStatus.FORBIDDEN, "Your token's roles (" + roles + ") do not allow "
                + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value() + ".");
    }

    /** A request the firewall turned away (a path with {@code ;}, {@code %2F}, an encoded NUL, a bad header). */
    Mono<Void> rejected(ServerWebExchange exchange, String detail) {
        return write(exchange, HttpStatus.BAD_REQUEST, detail);
    }

    /** Any other refusal of the web layer's own, with its status. */
    Mono<Void> status(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail);
    }

    /** A query parameter that holds text no read model can store or match. */
    Mono<Void> badParameter(ServerWebExchange exchange, String parameter, String reason) {
        return write(exchange, HttpStatus.BAD_REQUEST, parameter + " " + reason,
                     List.of(Map.of("field", parameter, "message", reason)));
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, null);
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail,
                             List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        if (errors != null) {
            problem.put("errors", errors);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }
}
