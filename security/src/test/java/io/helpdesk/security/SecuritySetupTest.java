package io.helpdesk.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySetupTest {

    private static final String KEY = "a-development-key-of-at-least-32-bytes";

    private final ReactiveWebApplicationContextRunner app = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class))
            .withUserConfiguration(AppRules.class);

    /** An app's rules, as command-app and query-app declare theirs. */
    @Configuration(proxyBeanMethods = false)
    static class AppRules {
        @Bean
        SecurityWebFilterChain rules(ServerHttpSecurity http, ApiSecurity security) {
            return security.chain(http, rules -> rules.pathMatchers("/api/**").hasRole(Role.AGENT.name()));
        }
    }

    @Test
    void without_a_way_to_check_tokens_the_app_does_not_start() {
        app.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                                              .hasMessageContaining("JWT_JWK_SET_URI")
                                              .hasMessageContaining("JWT_HMAC_SECRET"));
    }

    @Test
    void a_short_hmac_key_is_refused() {
        app.withPropertyValues("helpdesk.security.jwt.hmac-secret=too-short")
           .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                                              .hasMessageContaining("at least 32 bytes"));
    }

    @Test
    void a_token_signed_with_the_key_names_its_user_roles_and_teams() {
        app.withPropertyValues("helpdesk.security.jwt.hmac-secret=" + KEY).run(context -> {
            String token = new LocalTokens(KEY).mint("ana", Set.of(Role.AGENT, Role.MANAGER), List.of("billing"),
                                                     Instant.now(), Duration.ofMinutes(5));
            Jwt jwt = context.getBean(ReactiveJwtDecoder.class).decode(token).block();
            Caller caller = context.getBean(CallerTokens.class).caller(jwt);
            assertThat(caller).isEqualTo(new Caller("ana", Set.of(Role.AGENT, Role.MANAGER), List.of("billing")));
        });
    }

    @Test
    void a_token_without_an_expiry_or_with_one_past_the_longest_lifetime_is_refused() {
        app.withPropertyValues("helpdesk.security.jwt.hmac-secret=" + KEY,
                               "helpdesk.security.jwt.max-lifetime=2h",
                               "helpdesk.security.jwt.local-lifetime=1h").run(context -> {
            ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
            NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(LocalTokens.key(KEY)));
            JwtClaimsSet forever = JwtClaimsSet.builder().subject("ana").claim("roles", List.of("AGENT"))
                                               .issuedAt(Instant.now()).build();
            String noExpiry = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                                                                       forever)).getTokenValue();
            assertThatThrownBy(() -> decoder.decode(noExpiry).block())
                    .isInstanceOf(JwtValidationException.class).hasMessageContaining("no expiry");
            String tooLong = new LocalTokens(KEY).mint("ana", Set.of(Role.AGENT), List.of(), Instant.now(),
                                                       Duration.ofHours(3));
            assertThatThrownBy(() -> decoder.decode(tooLong).block())
                    .isInstanceOf(JwtValidationException.class).hasMessageContaining("more than 2 hours");
            String fine = new LocalTokens(KEY).mint("ana", Set.of(Role.AGENT), List.of(), Instant.now(),
                                                    Duration.ofHours(1));
            assertThat(decoder.decode(fine).block()).isNotNull();
        });
    }

    @Test
    void claims_can_be_nested_or_space_separated_as_identity_providers_send_them() {
        JwtSettings keycloak = new JwtSettings(KEY, null, null, null, "realm_access.roles", "groups", null, null);
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("u-17")
                     .claim("realm_access", Map.of("roles", List.of("agent", "offline_access", "ROLE_VIEWER")))
                     .claim("groups", "billing vip").build();
        Caller caller = new CallerTokens(keycloak).caller(jwt);
        assertThat(caller.user()).isEqualTo("u-17");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.VIEWER);
        assertThat(caller.teams()).containsExactly("billing", "vip");
    }
}
