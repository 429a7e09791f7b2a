package io.helpdesk.bench;

import io.helpdesk.security.LocalTokens;
import io.helpdesk.security.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * HTTP to the apps as a signed-in user of the given role, with the JDK's blocking {@link HttpURLConnection}
 * over kept-alive connections. The bench shares two cores with the apps it measures, so its client has to be
 * cheap: on this machine {@code java.net.http} took 2.4 times the CPU per request (reading one ticket at
 * 200/s: 19.4 s of CPU in 30 s against 8.1 s), and at 500 requests/s it queued requests in the client itself.
 */
final class Http {

    /** Connections kept alive per app: at least the open-loop steps' threads, so none is closed after use. */
    static final int KEPT_ALIVE = 256;

    static {
        // Read once, when the first connection is made.
        System.setProperty("http.maxConnections", String.valueOf(KEPT_ALIVE));
        // A POST is a command: never sent twice because a kept-alive connection turned out closed.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** A response: status, body, and the two headers the bench reads. */
    record Reply(int status, String body, String eventPosition, boolean stale) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final LocalTokens tokens;

    Http(String secret) {
        this.tokens = new LocalTokens(secret);
    }

    String bearer(String user, Role... roles) {
        return "Bearer " + tokens.mint(user, Set.of(roles), List.of("team-1"), Instant.now(), Duration.ofHours(6));
    }

    /** A fresh random token key for one run: 32 bytes, hex. */
    static String randomSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.HexFormat.of().formatHex(key);
    }

    Reply post(String url, String bearer, String json) throws IOException {
        return send("POST", url, bearer, json, null);
    }

    Reply get(String url, String bearer) throws IOException {
        return send("GET", url, bearer, null, null);
    }

    /** A query that waits until the read models have processed the event at {@code position}. */
    Reply get(String url, String bearer, String minPosition) throws IOException {
        return send("GET", url, bearer, null, minPosition);
    }

    /** A GET to read as a stream, with the timeouts and sign-in of every request here. */
    HttpURLConnection open(String url, String bearer) throws IOException {
        return connect("GET", url, bearer);
    }

    private static HttpURLConnection connect(String method, String url, String bearer) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", bearer);
        return connection;
    }

    private static Reply send(String method, String url, String bearer, String json, String minPosition)
            throws IOException {
        HttpURLConnection connection = connect(method, url, bearer);
        if (minPosition != null) {
            connection.setRequestProperty("X-Min-Position", minPosition);
        }
        if (json != null) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        // Read to the end (error bodies too), so the connection goes back to the keep-alive cache.
        String body;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Reply(status, body, connection.getHeaderField("X-Event-Position"),
                         connection.getHeaderField("X-Read-Model-Stale") != null);
    }
}
