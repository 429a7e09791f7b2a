package io.helpdesk.security;

/** Text PostgreSQL's {@code text} cannot hold: a NUL character, or a lone UTF-16 surrogate (not a character). */
public final class StorableText {

    private StorableText() {
    }

    /** Why the text cannot be stored, or null when it can. */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (it holds a lone surrogate)";
            }
        }
        return null;
    }
}
