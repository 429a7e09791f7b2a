package io.helpdesk.command.links;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signed links, for those who have no token: SMS, WhatsApp and Meta fetch a reply's files from them, and a chat
 * or web-form customer reads their conversation through one. A link names what it opens (a ticket's file, or a
 * ticket's conversation) and when it stops working, signed with HMAC-SHA256 ({@code LINK_KEY}); it
 * is absolute under {@code PUBLIC_URL} when that is set.
 */
@Component
public class SignedLinks {

    public static final String FILE = "/api/links/tickets/{ticketId}/attachments/{sha256}";
    public static final String CONVERSATION = "/api/links/tickets/{ticketId}/conversation";

    private final LinkSettings settings;
    private final Clock clock;

    SignedLinks(LinkSettings settings) {
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** Whether files can be sent as absolute links: a public address and a key to sign them with. */
    public boolean configured() {
        return !settings.publicUrl().isBlank() && !settings.key().isBlank();
    }

    /** Whether links can be signed at all (a key), absolute or not. */
    public boolean canSign() {
        return !settings.key().isBlank();
    }

    /** A link to the ticket's file that works for {@code LINK_LIFETIME}. */
    public String file(String ticketId, String sha256) {
        return link(FILE, expires(), "file", ticketId, sha256);
    }

    /** A link to the ticket's conversation as its customer sees it, working until {@code expires}. */
    public String conversation(String ticketId, Instant expires) {
        return link(CONVERSATION, expires.getEpochSecond(), "conversation", ticketId, null);
    }

    /** When a link made now stops working. */
    public Instant expiresAt() {
        return Instant.ofEpochSecond(expires());
    }

    public boolean validFile(String ticketId, String sha256, long expires, String signature) {
        return valid("file", ticketId, sha256, expires, signature);
    }

    public boolean validConversation(String ticketId, long expires, String signature) {
        return valid("conversation", ticketId, null, expires, signature);
    }

    private long expires() {
        return clock.instant().plus(settings.lifetime()).getEpochSecond();
    }

    private String link(String path, long expires, String kind, String ticketId, String sha256) {
        UriComponentsBuilder builder = settings.publicUrl().isBlank() ? UriComponentsBuilder.newInstance()
                : UriComponentsBuilder.fromHttpUrl(settings.publicUrl());
        var components = builder.path(path)
                                .queryParam("expires", expires)
                                .queryParam("signature", signature(kind, ticketId, sha256, expires));
        return (sha256 == null ? components.buildAndExpand(ticketId) : components.buildAndExpand(ticketId, sha256))
                .encode().toUriString();
    }

    /** Whether the link's signature is ours and it has not expired. */
    private boolean valid(String kind, String ticketId, String sha256, long expires, String signature) {
        if (!canSign() || signature == null || Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(signature(kind, ticketId, sha256, expires).getBytes(StandardCharsets.US_ASCII),
                                     signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String kind, String ticketId, String sha256, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String data = kind + "\n" + ticketId + "\n" + (sha256 == null ? "" : sha256) + "\n" + expires;
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
