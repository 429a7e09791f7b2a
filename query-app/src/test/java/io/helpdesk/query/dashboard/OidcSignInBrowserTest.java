package io.helpdesk.query.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.query.TwoAppsAccess;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in outside the local profile: OpenID Connect, authorization code with PKCE, against a local identity
 * provider playing the protocol's documented shapes (discovery, authorize redirect, token endpoint that checks
 * the code verifier against the challenge). The access token it issues is one the apps accept; the dashboard
 * keeps it in memory only.
 */
class OidcSignInBrowserTest {

    private static final String CLIENT = "helpdesk-dashboard";

    private static TwoAppsAccess apps;
    private static HttpServer idp;
    private static String base;
    private static final Map<String, String[]> codes = new ConcurrentHashMap<>();
    private static final AtomicReference<String> verified = new AtomicReference<>();
    private static final AtomicReference<String> accessToken = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Browser.available() || "required".equals(System.getenv("HELPDESK_BROWSER_TESTS")),
                               "Chromium and chromedriver are not installed (./test.sh installs them)");
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + idp.getAddress().getPort();
        idp.createContext("/", exchange -> serve(exchange, issuer));
        idp.start();
        int commandPort = Browser.freePort();
        int queryPort = Browser.freePort();
        base = "http://127.0.0.1:" + queryPort;
        apps = TwoAppsAccess.start(TestDatabase.create(),
                                   new String[]{"--server.port=" + commandPort, "--WEB_ORIGINS=" + base},
                                   new String[]{"--server.port=" + queryPort,
                                           "--COMMAND_URL=http://127.0.0.1:" + commandPort,
                                           "--OIDC_ISSUER=" + issuer, "--OIDC_CLIENT_ID=" + CLIENT});
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
        if (idp != null) {
            idp.stop(0);
        }
    }

    /** The identity provider: discovery, authorize (signs the user in at once), token (checks PKCE). */
    private static void serve(HttpExchange exchange, String issuer) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "content-type, authorization");
        String path = exchange.getRequestURI().getPath();
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (path.equals("/.well-known/openid-configuration")) {
            json(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                    + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                    + "\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":[\"S256\"]}");
        } else if (path.equals("/authorize")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            codes.put(code, new String[]{query.get("code_challenge"), query.get("nonce")});
            String location = query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state");
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        } else if (path.equals("/token")) {
            Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String[] issued = codes.remove(body.getOrDefault("code", ""));
            String verifier = body.getOrDefault("code_verifier", "");
            if (issued == null || !challenge(verifier).equals(issued[0]) || !CLIENT.equals(body.get("client_id"))) {
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            verified.set(verifier);
            String token = TestTokens.token("olga", Set.of(Role.AGENT), List.of("support"));
            accessToken.set(token);
            long now = System.currentTimeMillis() / 1000;
            String idToken = jwt("{\"iss\":\"" + issuer + "\",\"sub\":\"olga\",\"aud\":\"" + CLIENT + "\",\"iat\":" + now
                                         + ",\"exp\":" + (now + 3600)
                                         + (issued[1] == null ? "" : ",\"nonce\":\"" + issued[1] + "\"") + "}");
            json(exchange, 200, "{\"access_token\":\"" + token + "\",\"id_token\":\"" + idToken
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        } else {
            json(exchange, 404, "{}");
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                           kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void an_agent_signs_in_at_the_identity_provider_with_pkce_and_the_token_stays_in_memory() {
        try (Browser olga = new Browser(base)) {
            olga.driver.get(base + "/");
            olga.button("Sign in with your organisation").click();
            olga.await(d -> d.findElement(By.cssSelector("[data-testid=user]")).getText().equals("olga"));
            olga.visible(By.id("inbox-title"));
            assertThat(verified.get()).as("the token endpoint got a code verifier matching the challenge")
                                      .isNotBlank();
            assertThat(olga.driver.getCurrentUrl()).doesNotContain("code=");
            Object stored = ((JavascriptExecutor) olga.driver).executeScript(
                    "return JSON.stringify(Object.assign({}, window.sessionStorage, window.localStorage));");
            assertThat(String.valueOf(stored)).doesNotContain(accessToken.get());
        }
    }
}
