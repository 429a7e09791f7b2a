package io.helpdesk.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds an app's filter chain: stateless JWT bearer authentication, problem+json for 401 / 403, the caller
 * put on the exchange for the endpoints, and the paths open to all (health, API docs, the local token helper).
 * Each app adds its own rules per path; every other request needs a valid token.
 */
public final class ApiSecurity {

    /** Open without a token: probes and scraping, the OpenAPI description, the local-profile token helper. */
    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/**", LocalTokens.PATH};

    private final ReactiveJwtDecoder decoder;
    private final CallerTokens callers;
    private final SecurityProblems problems;
    private final List<String> allowedOrigins;

    ApiSecurity(ReactiveJwtDecoder decoder, CallerTokens callers, SecurityProblems problems,
                List<String> allowedOrigins) {
        this.decoder = decoder;
        this.callers = callers;
        this.problems = problems;
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * Cross-origin calls from the configured origins only: the dashboard's page calling this app. Tokens travel in
     * the Authorization header, never in cookies, so no credentials are allowed.
     */
    private CorsConfigurationSource cors() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "X-Min-Position",
                                       RequestLogContext.HEADER));
        cors.setExposedHeaders(List.of("X-Event-Position", "X-Read-Model-Stale", "Location", "Retry-After",
                                       RequestLogContext.HEADER));
        cors.setMaxAge(java.time.Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    public SecurityWebFilterChain chain(ServerHttpSecurity http, Customizer<AuthorizeExchangeSpec> rules) {
        if (allowedOrigins.isEmpty()) {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        } else {
            http.cors(cors -> cors.configurationSource(cors()));
        }
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                   .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                   .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                   .logout(ServerHttpSecurity.LogoutSpec::disable)
                   .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                   .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                   .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                                                          .accessDeniedHandler(problems))
                   .oauth2ResourceServer(server -> server
                           .bearerTokenConverter(bearerTokens())
                           .authenticationEntryPoint(problems)
                           .accessDeniedHandler(problems)
                           .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(callers)))
                   .authorizeExchange(exchanges -> {
                       exchanges.pathMatchers(OPEN).permitAll();
                       exchanges.pathMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                       rules.customize(exchanges);
                       exchanges.anyExchange().authenticated();
                   })
                   .addFilterAfter(callerOnExchange(), SecurityWebFiltersOrder.AUTHENTICATION)
                   .build();
    }

    /** Role names for {@code hasAnyRole}. */
    public static String[] roles(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }

    /**
     * The token comes from the Authorization header; a browser's EventSource cannot set headers, so a GET
     * asking for {@code text/event-stream} may also pass it as {@code ?access_token=}.
     */
    private static ServerAuthenticationConverter bearerTokens() {
        BearerTokens header = new BearerTokens(false);
        BearerTokens headerOrQuery = new BearerTokens(true);
        return exchange -> (isEventStream(exchange) ? headerOrQuery : header).convert(exchange);
    }

    private static boolean isEventStream(ServerWebExchange exchange) {
        return HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && exchange.getRequest().getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
    }

    private WebFilter callerOnExchange() {
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(token -> Optional.of(callers.caller(token.getToken())))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    caller.ifPresent(found -> exchange.getAttributes().put(Caller.ATTRIBUTE, found));
                    Mono<Void> rest = chain.filter(exchange);
                    return caller.map(found -> RequestLogContext.asUser(found.user(), rest)).orElse(rest);
                });
    }
}
