package io.helpdesk.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token must say when it expires ({@code exp}), and no later than {@code maxLifetime} from now: a token
 * without an end, or with one years away, would be a password that can never be changed. Whether it has already
 * expired is Spring Security's own check.
 */
public class TokenLifetime implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Clock clock;

    public TokenLifetime(Duration maxLifetime, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return failure("the token has no expiry (exp)");
        }
        if (expiresAt.isAfter(clock.instant().plus(maxLifetime))) {
            return failure("the token expires more than " + maxLifetime.toHours() + " hours from now");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
