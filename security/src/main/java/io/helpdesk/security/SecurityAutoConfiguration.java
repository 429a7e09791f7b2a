package io.helpdesk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JWT resource-server set-up shared by command-app and query-app; each app declares its path rules. */
@AutoConfiguration(before = {ReactiveSecurityAutoConfiguration.class,
        ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class})
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtSettings.class)
public class SecurityAutoConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtSettings settings) {
        NimbusReactiveJwtDecoder decoder;
        if (JwtSettings.isSet(settings.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        } else if (JwtSettings.isSet(settings.hmacSecret())) {
            decoder = NimbusReactiveJwtDecoder.withSecretKey(LocalTokens.key(settings.hmacSecret()))
                                              .macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            throw new IllegalStateException("No way to check bearer tokens: set JWT_JWK_SET_URI to the identity "
                    + "provider's JWK set, or JWT_HMAC_SECRET (32+ bytes) for development, or run with the "
                    + "'local' profile");
        }
        OAuth2TokenValidator<Jwt> validator = JwtSettings.isSet(settings.issuer())
                ? JwtValidators.createDefaultWithIssuer(settings.issuer()) : JwtValidators.createDefault();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                validator, new TokenLifetime(settings.maxLifetime(), Clock.systemUTC())));
        return new VerifiedTokens(decoder, 10_000, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * Spring Security would observe every filter of its chain, the authentication and the authorization of
     * each request: about a twentieth of a request's CPU in both apps, for spans nobody collects here. Every
     * request is still timed as {@code http.server.requests}.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall with checks of the same headers that are cheap for plain ASCII. */
    @Bean
    @ConditionalOnMissingBean
    ServerWebExchangeFirewall firewall() {
        return HeaderFirewall.strict();
    }

    /** What the firewall turns away is answered as every other refusal: a problem+json naming the cause. */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler exchangeRejectedHandler(ObjectMapper json) {
        SecurityProblems problems = new SecurityProblems(json);
        return (exchange, rejected) -> problems.rejected(exchange, rejected.getMessage());
    }

    /** {@code helpdesk.http.max-multipart-body}: files the app takes (attachments), beyond the 1 MB of any body. */
    @Bean
    WebFilter drainedRequests(ObjectMapper json,
                              @org.springframework.beans.factory.annotation.Value(
                                      "${helpdesk.http.max-multipart-body:0B}") String maxMultipart) {
        return new DrainedRequests(new SecurityProblems(json),
                                   org.springframework.util.unit.DataSize.parse(maxMultipart).toBytes());
    }

    /** A request Netty cannot decode (too long a line, too large headers) is answered with a problem too. */
    @Bean
    NettyServerCustomizer undecodableRequests(ObjectMapper json) {
        return UndecodableRequests.customizer(json);
    }

    /** Correlation id and user in the MDC of every log line a request causes. */
    @Bean
    WebFilter requestLogContext() {
        return new RequestLogContext();
    }

    @Bean
    WebFilter storableParameters(ObjectMapper json) {
        return new StorableParameters(new SecurityProblems(json));
    }

    @Bean
    CallerTokens callerTokens(JwtSettings settings) {
        return new CallerTokens(settings);
    }

    /**
     * {@code helpdesk.web.allowed-origins} ({@code WEB_ORIGINS}): the origins whose pages may call this app from a
     * browser (the dashboard's, when another app serves it); none: no cross-origin calls.
     */
    @Bean
    ApiSecurity apiSecurity(ReactiveJwtDecoder decoder, CallerTokens callers, ObjectMapper json,
                            @org.springframework.beans.factory.annotation.Value(
                                    "${helpdesk.web.allowed-origins:}") List<String> allowedOrigins) {
        return new ApiSecurity(decoder, callers, new SecurityProblems(json),
                               allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList());
    }

    /**
     * {@code GET /api/dev/token?user=ana&roles=AGENT&teams=billing}: a token signed with the development key.
     * Exists only in the {@code local} profile and only with an HMAC key, never in a default start.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("local")
    @ConditionalOnProperty("helpdesk.security.jwt.hmac-secret")
    static class LocalTokenHelper {

        @Bean
        RouterFunction<ServerResponse> localTokenRoute(JwtSettings settings) {
            LocalTokens tokens = new LocalTokens(settings.hmacSecret());
            return RouterFunctions.route().GET(LocalTokens.PATH, request -> mint(tokens, settings, request)).build();
        }

        private static Mono<ServerResponse> mint(LocalTokens tokens, JwtSettings settings, ServerRequest request) {
            Optional<String> user = request.queryParam("user").filter(JwtSettings::isSet);
            List<String> roleNames = list(request.queryParam("roles").orElse("AGENT"));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : roleNames) {
                Optional<Role> role = Role.parse(name);
                if (role.isEmpty()) {
                    return badRequest("unknown role '" + name + "'; roles are " + Arrays.toString(Role.values()));
                }
                roles.add(role.get());
            }
            if (user.isEmpty() || roles.isEmpty()) {
                return badRequest("give ?user=<name>&roles=AGENT[,MANAGER,...]&teams=<team>[,...]");
            }
            List<String> teams = list(request.queryParam("teams").orElse(""));
            Instant now = Clock.systemUTC().instant();
            String token = tokens.mint(user.get(), roles, teams, now, settings.localLifetime());
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                 .bodyValue(Map.of("token", token, "user", user.get(), "roles", roles,
                                                   "teams", teams,
                                                   "expiresAt", now.plus(settings.localLifetime()).toString()));
        }

        private static List<String> list(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
        }

        private static Mono<ServerResponse> badRequest(String detail) {
            return ServerResponse.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .bodyValue(Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                                                   "detail", detail, "instance", LocalTokens.PATH));
        }
    }
}
