package io.helpdesk.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks a bearer token once and remembers the result until the token expires (at most {@code maxAge}): a
 * dashboard sends the same token with every request, and checking its signature and claims each time cost more
 * CPU than serving most requests. Only tokens that passed every check are remembered; a token past its
 * expiry is never answered from memory.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(ReactiveJwtDecoder decoder, long maxEntries, Duration maxAge, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                                .maximumSize(maxEntries)
                                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> until(jwt, maxAge)))
                                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && (known.getExpiresAt() == null || clock.instant().isBefore(known.getExpiresAt()))) {
            return Mono.just(known);
        }
        return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    private Duration until(Jwt jwt, Duration maxAge) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return maxAge;
        }
        Duration left = Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }
}
