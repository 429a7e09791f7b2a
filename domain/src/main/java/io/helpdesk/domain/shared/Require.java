package io.helpdesk.domain.shared;

/**
 * Guards for message constructors. A failed guard is bad input (HTTP 400), not a broken rule.
 */
public final class Require {

    private Require() {
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInput(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(value, field, maxLength);
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        return value;
    }
}
