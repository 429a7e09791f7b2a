package io.helpdesk.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final String KEY = "a-development-key-of-at-least-32-bytes";

    private final AtomicInteger checks = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withSecretKey(LocalTokens.key(KEY))
                                                                            .macAlgorithm(MacAlgorithm.HS256).build();
    {
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        nimbus.setJwtValidator(expiry);
    }

    private final ReactiveJwtDecoder counted = token -> {
        checks.incrementAndGet();
        return nimbus.decode(token);
    };
    private final VerifiedTokens tokens = new VerifiedTokens(counted, 100, Duration.ofMinutes(5), clock);

    @Test
    void a_token_is_checked_once_and_then_answered_from_memory() {
        String token = new LocalTokens(KEY).mint("ana", Set.of(Role.AGENT), List.of(), clock.instant(),
                                                 Duration.ofHours(1));

        assertThat(tokens.decode(token).block().getClaimAsString("preferred_username")).isEqualTo("ana");
        assertThat(tokens.decode(token).block().getClaimAsString("preferred_username")).isEqualTo("ana");

        assertThat(checks).hasValue(1);
    }

    @Test
    void a_remembered_token_past_its_expiry_is_checked_again_and_refused() {
        Instant issued = Instant.now().minusSeconds(50);
        String token = new LocalTokens(KEY).mint("ana", Set.of(Role.AGENT), List.of(), issued, Duration.ofMinutes(1));
        clock.set(Instant.now());
        tokens.decode(token).block();

        clock.set(issued.plusSeconds(61));
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void a_refused_token_is_not_remembered() {
        String forged = new LocalTokens("another-key-of-at-least-32-bytes-long").mint(
                "mallory", Set.of(Role.ADMIN), List.of(), clock.instant(), Duration.ofHours(1));

        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThat(checks).hasValue(2);
    }

    /** The test's clock, shared by the cache and the decoder's expiry check. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
