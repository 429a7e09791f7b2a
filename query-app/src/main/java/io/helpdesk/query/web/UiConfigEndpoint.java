package io.helpdesk.query.web;

import io.helpdesk.security.JwtSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard (served by this app under {@code /}) needs to know before anyone signs in: where
 * command-app answers, and how to sign in (the local profile's token helper, or OpenID Connect with PKCE at
 * the configured issuer). Open to all: it holds no secret.
 */
@RestController
public class UiConfigEndpoint {

    public record UiConfig(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String commandUrl,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"LOCAL", "OIDC"})
                           String signIn,
                           String issuer,
                           String clientId,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String scope,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String userClaim,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String rolesClaim,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String teamsClaim) {
    }

    private final UiConfig config;

    public UiConfigEndpoint(Environment environment, JwtSettings jwt,
                            @Value("${helpdesk.web.command-url}") String commandUrl,
                            @Value("${helpdesk.web.oidc.issuer:}") String issuer,
                            @Value("${helpdesk.web.oidc.client-id:}") String clientId,
                            @Value("${helpdesk.web.oidc.scope:openid profile}") String scope) {
        boolean local = environment.acceptsProfiles(Profiles.of("local")) && JwtSettings.isSet(jwt.hmacSecret());
        this.config = new UiConfig(commandUrl.replaceAll("/+$", ""), local ? "LOCAL" : "OIDC",
                                   issuer.isBlank() ? null : issuer, clientId.isBlank() ? null : clientId, scope,
                                   jwt.userClaim(), jwt.rolesClaim(), jwt.teamsClaim());
    }

    @GetMapping("/api/ui/config")
    public UiConfig config() {
        return config;
    }
}
