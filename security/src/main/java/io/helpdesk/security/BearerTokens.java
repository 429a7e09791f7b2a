package io.helpdesk.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads a request's bearer token. The usual request, an {@code Authorization} header of {@code Bearer} and a
 * well-formed token, is read with a loop over its characters: Spring Security's converter matches a
 * case-insensitive regular expression against the whole header, a few hundred characters, for every request
 * (2 % of command-app's CPU under load). Every other request (no such header, another scheme, a malformed
 * token, a token in the query) goes to Spring Security's converter, which answers it as it always has.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    private final ServerBearerTokenAuthenticationConverter spring;
    private final boolean queryAllowed;

    BearerTokens(boolean queryAllowed) {
        this.spring = new ServerBearerTokenAuthenticationConverter();
        this.spring.setAllowUriQueryParameter(queryAllowed);
        this.queryAllowed = queryAllowed;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        // With a token in the query as well, Spring Security answers that a request has two tokens.
        String token = queryAllowed && exchange.getRequest().getQueryParams().containsKey("access_token")
                ? null : token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return token != null ? Mono.just(new BearerTokenAuthenticationToken(token)) : spring.convert(exchange);
    }

    /**
     * The token of a header that Spring Security's pattern {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}
     * (case-insensitive) matches, or null for any other header.
     */
    static String token(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int start = SCHEME.length();
        int end = header.length();
        int i = start;
        while (i < end && tokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return null;
        }
        while (i < end && header.charAt(i) == '=') {
            i++;
        }
        return i == end ? header.substring(start) : null;
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
