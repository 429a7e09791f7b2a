package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * How contacts and their identities are written. An identity is a customer's address as a channel gives it: an
 * e-mail address, a phone number ({@code +4915112345678}, for SMS and WhatsApp alike), or a channel's own id
 * ({@code messenger:<PSID>}, {@code instagram:<IGSID>}), in lower case without surrounding blanks.
 */
public final class Contacts {

    public static final int MAX_IDENTITIES = 50;

    private Contacts() {
    }

    /**
     * The id of the contact first known by {@code identity}: derived from it, so that two deliveries from a new
     * sender at the same moment create one contact, and tickets recorded before contacts existed name the same
     * contact as the one made for their customer later.
     */
    public static String idFor(String identity) {
        String normalized = identity == null ? "" : identity.strip().toLowerCase(Locale.ROOT);
        return "c-" + UUID.nameUUIDFromBytes(("contact:" + normalized).getBytes(StandardCharsets.UTF_8));
    }

    /** A new contact's id, for one created by hand. */
    public static String newId() {
        return "c-" + UUID.randomUUID();
    }

    public static String identity(String value, String field) {
        String identity = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (identity.isEmpty() || identity.length() > 320 || identity.chars().anyMatch(Character::isWhitespace)
                || identity.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "must be an e-mail address, a phone number or a channel id, without "
                    + "blanks (at most 320 characters)");
        }
        if (identity.startsWith("@")) {
            throw new InvalidInput(field, "is a domain; a contact's identity is one address");
        }
        return identity;
    }

    public static List<String> identities(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_IDENTITIES) {
            throw new InvalidInput(field, "at most " + MAX_IDENTITIES + " identities");
        }
        Set<String> identities = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            identities.add(identity(values.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(new ArrayList<>(identities));
    }

    /** An IETF language tag ({@code de}, {@code pt-BR}) as Java writes it, or null. */
    public static String language(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(value.strip());
        String tag = locale.toLanguageTag();
        if (value.strip().length() > 35 || locale.getLanguage().isEmpty() || "und".equals(tag)) {
            throw new InvalidInput(field, "must be a language tag such as en, de or pt-BR");
        }
        return tag;
    }

    /** The kind of an identity, for showing it: EMAIL, PHONE or the channel prefix in upper case. */
    public static String kind(String identity) {
        int colon = identity.indexOf(':');
        if (colon > 0) {
            return identity.substring(0, colon).toUpperCase(Locale.ROOT);
        }
        if (identity.contains("@")) {
            return "EMAIL";
        }
        return identity.startsWith("+") || identity.chars().allMatch(Character::isDigit) ? "PHONE" : "OTHER";
    }

    /** The e-mail domain of an identity ({@code example.com}), or null when it is not an e-mail address. */
    public static String emailDomain(String identity) {
        int at = identity.lastIndexOf('@');
        return at <= 0 || at == identity.length() - 1 || identity.contains(":") ? null : identity.substring(at + 1);
    }
}
