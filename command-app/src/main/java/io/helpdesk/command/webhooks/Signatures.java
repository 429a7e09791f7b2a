package io.helpdesk.command.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC signatures as providers compute them, compared in constant time. */
final class Signatures {

    private Signatures() {
    }

    static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body>}, as GitHub-style and Meta signature headers carry it. */
    static String sha256Header(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: Base64 HMAC-SHA1 (key: the auth token) of the URL it called followed
     * by every form parameter's name and value, sorted by name.
     */
    static String twilio(String authToken, String url, java.util.Map<String, java.util.List<String>> form) {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(form).forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        return java.util.Base64.getEncoder().encodeToString(
                hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                                                      given.trim().getBytes(StandardCharsets.UTF_8));
    }
}
