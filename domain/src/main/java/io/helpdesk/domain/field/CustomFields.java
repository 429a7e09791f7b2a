package io.helpdesk.domain.field;

import io.helpdesk.domain.shared.InvalidInput;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** How custom fields and their values are written, and checked against a field's definition. */
public final class CustomFields {

    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    public static final int MAX_TEXT = 1_000;

    private CustomFields() {
    }

    public static String key(String value, String field) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new InvalidInput(field, "must be 1-40 lower-case letters, digits or _, starting with a letter");
        }
        return value;
    }

    /** A select field's options: ids unique and keys-like, labels given; other types take none. */
    public static List<FieldOption> options(FieldType type, List<FieldOption> options, String field) {
        boolean select = type == FieldType.SELECT || type == FieldType.MULTI_SELECT;
        List<FieldOption> given = options == null ? List.of() : options;
        if (!select) {
            if (!given.isEmpty()) {
                throw new InvalidInput(field, "only select fields have options");
            }
            return List.of();
        }
        if (given.isEmpty() || given.size() > 200) {
            throw new InvalidInput(field, "a select field has 1 to 200 options");
        }
        Set<String> ids = new HashSet<>();
        List<FieldOption> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            FieldOption option = given.get(i);
            String id = key(option == null ? null : option.id(), field + "[" + i + "].id");
            if (!ids.add(id)) {
                throw new InvalidInput(field + "[" + i + "].id", "is given twice");
            }
            String label = option.label() == null ? "" : option.label().strip();
            if (label.isEmpty() || label.length() > 200) {
                throw new InvalidInput(field + "[" + i + "].label", "must be 1-200 characters");
            }
            checked.add(new FieldOption(id, label));
        }
        return List.copyOf(checked);
    }

    /**
     * The value as stored for a field of this type and options, or 400 naming {@code field}: TEXT a text, NUMBER a
     * number (as its decimal text), DATE an ISO date, SELECT an option id, MULTI_SELECT a list of option ids,
     * CHECKBOX true or false. Null clears the field.
     */
    public static Object value(FieldType type, Collection<String> optionIds, Object value, String field) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> {
                if (!(value instanceof String text) || text.length() > MAX_TEXT) {
                    throw new InvalidInput(field, "must be a text of at most " + MAX_TEXT + " characters");
                }
                yield text;
            }
            case NUMBER -> {
                if (!(value instanceof Number number)) {
                    throw new InvalidInput(field, "must be a number");
                }
                yield new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(String.valueOf(value)).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidInput(field, "must be a date such as 2026-12-31");
                }
            }
            case CHECKBOX -> {
                if (!(value instanceof Boolean checked)) {
                    throw new InvalidInput(field, "must be true or false");
                }
                yield checked;
            }
            case SELECT -> {
                if (!(value instanceof String id) || !optionIds.contains(id)) {
                    throw new InvalidInput(field, "must be one of the options " + optionIds);
                }
                yield id;
            }
            case MULTI_SELECT -> {
                if (!(value instanceof List<?> ids)) {
                    throw new InvalidInput(field, "must be a list of options out of " + optionIds);
                }
                Set<String> chosen = new LinkedHashSet<>();
                for (Object id : ids) {
                    if (!(id instanceof String option) || !optionIds.contains(option)) {
                        throw new InvalidInput(field, "must be a list of options out of " + optionIds);
                    }
                    chosen.add(option);
                }
                yield List.copyOf(chosen);
            }
        };
    }

    /**
     * Checks a rule condition's value (always a text) against a field: a number, a date, {@code true} or
     * {@code false}, or one option's id (for a multi-select field too: the condition asks whether it is chosen).
     */
    public static void conditionValue(FieldType type, Collection<String> optionIds, String value, String field) {
        Object typed = switch (type) {
            case NUMBER -> {
                try {
                    yield new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new InvalidInput(field, "must be a number");
                }
            }
            case CHECKBOX -> "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : value;
            case MULTI_SELECT -> List.of(value);
            default -> value;
        };
        value(type, optionIds, typed, field);
    }
}
