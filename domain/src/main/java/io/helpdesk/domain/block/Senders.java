package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * How a blocked sender is written: one identity as a channel gives it ({@code spam@example.com},
 * {@code +4915112345678}, {@code messenger:<PSID>}) or a whole e-mail domain ({@code @example.com}), in lower
 * case without surrounding blanks.
 */
public final class Senders {

    private Senders() {
    }

    public static String pattern(String sender, String field) {
        String pattern = sender == null ? "" : sender.strip().toLowerCase(Locale.ROOT);
        if (pattern.isEmpty() || pattern.length() > 320 || pattern.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInput(field, "must be an address or identity, or @ and a domain, without blanks "
                    + "(at most 320 characters)");
        }
        if (pattern.startsWith("@") && (pattern.length() < 4 || !pattern.substring(1).contains("."))) {
            throw new InvalidInput(field, "a domain is written @example.com");
        }
        return pattern;
    }

    /**
     * The subject whose key encrypts what a blocked sender wrote (their address, subject and excerpt): one per
     * sender identity, so erasing a contact erases the set-aside messages of each identity it holds.
     */
    public static String subjectOf(String sender) {
        String identity = sender == null ? "" : sender.strip().toLowerCase(Locale.ROOT);
        return "sender-" + UUID.nameUUIDFromBytes(("sender:" + identity).getBytes(StandardCharsets.UTF_8));
    }

    /** The domain pattern of an address ({@code @example.com}), or null when it has none. */
    public static String domainOf(String sender) {
        String pattern = sender == null ? "" : sender.strip().toLowerCase(Locale.ROOT);
        int at = pattern.lastIndexOf('@');
        return at <= 0 || at == pattern.length() - 1 ? null : pattern.substring(at);
    }
}
