package io.helpdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How bearer tokens are checked. Production names the identity provider's JWK set ({@code JWT_JWK_SET_URI});
 * development signs with a shared HMAC key ({@code JWT_HMAC_SECRET}, at least 32 bytes). Without either the
 * apps refuse to start. Claim names fit most providers; dotted names reach into nested claims, e.g.
 * {@code realm_access.roles} for Keycloak.
 *
 * @param hmacSecret    HS256 key for development and tests
 * @param jwkSetUri     the provider's JWK set; wins over the HMAC key when both are given
 * @param issuer        when set, tokens must carry exactly this {@code iss}
 * @param userClaim     names the user; {@code sub} when the token lacks it
 * @param rolesClaim    list (or space- or comma-separated string) of ADMIN, MANAGER, AGENT, VIEWER
 * @param teamsClaim    list (or space- or comma-separated string) of the user's teams
 * @param localLifetime how long tokens from the local-profile helper stay valid
 * @param maxLifetime   tokens must carry {@code exp}, at most this far ahead
 */
@ConfigurationProperties("helpdesk.security.jwt")
public record JwtSettings(String hmacSecret, String jwkSetUri, String issuer, String userClaim, String rolesClaim,
                          String teamsClaim, Duration localLifetime, Duration maxLifetime) {

    public JwtSettings {
        userClaim = blankTo(userClaim, "preferred_username");
        rolesClaim = blankTo(rolesClaim, "roles");
        teamsClaim = blankTo(teamsClaim, "teams");
        localLifetime = localLifetime == null ? Duration.ofHours(8) : localLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofHours(24) : maxLifetime;
        if (localLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalStateException("helpdesk.security.jwt.local-lifetime (" + localLifetime
                    + ") must not exceed max-lifetime (" + maxLifetime + ")");
        }
    }

    public static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankTo(String value, String fallback) {
        return isSet(value) ? value : fallback;
    }
}
