package io.helpdesk.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Signs tokens with the development HMAC key: behind {@code GET /api/dev/token} in the {@code local} profile
 * and in tests. Production tokens come from the identity provider.
 */
public final class LocalTokens {

    public static final String PATH = "/api/dev/token";
    /** A URL, as issuers are: Spring Security reads {@code iss} as one and pays for an exception otherwise. */
    public static final String ISSUER = "https://helpdesk.invalid/local";

    private final NimbusJwtEncoder encoder;

    public LocalTokens(String hmacSecret) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key(hmacSecret)));
    }

    public String mint(String user, Collection<Role> roles, Collection<String> teams, Instant issuedAt,
                       Duration lifetime) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                                          .issuer(ISSUER)
                                          .subject(user)
                                          .claim("preferred_username", user)
                                          .claim("roles", roles.stream().map(Role::name).toList())
                                          .claim("teams", List.copyOf(teams))
                                          .issuedAt(issuedAt)
                                          .expiresAt(issuedAt.plus(lifetime))
                                          .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /**
     * Command line: {@code mint-token USER ROLE[,ROLE...] [TEAM[,TEAM...]]} prints a token signed with
     * {@code JWT_HMAC_SECRET} from the environment, valid for 8 hours, for trying out an installation that
     * checks tokens with that key.
     */
    public static void main(String[] args) {
        String secret = System.getenv("JWT_HMAC_SECRET");
        if (args.length < 2 || secret == null || secret.isBlank()) {
            System.err.println("usage: JWT_HMAC_SECRET=<key> mint-token USER ROLE[,ROLE...] [TEAM[,TEAM...]]");
            System.exit(2);
        }
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (String name : args[1].split(",")) {
            roles.add(Role.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown role " + name)));
        }
        List<String> teams = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        System.out.println(new LocalTokens(secret).mint(args[0], roles, teams, Instant.now(), Duration.ofHours(8)));
    }

    static SecretKey key(String hmacSecret) {
        byte[] bytes = hmacSecret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("helpdesk.security.jwt.hmac-secret (JWT_HMAC_SECRET) must be at least "
                                                    + "32 bytes for HS256; it has " + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
