package io.helpdesk.domain.macro;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Texts of macro and rule actions, with placeholders such as {@code {{customer.name}}} filled from a ticket. */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z]+\\.[a-z]+)\\s*}}");

    private Templates() {
    }

    /** The template with every {@code {{name}}} replaced; a name without a value refuses, naming both. */
    public static String fill(String template, Map<String, String> values, String field) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                throw new InvalidInput(field, "the placeholder {{" + matcher.group(1) + "}} cannot be filled for "
                        + "this ticket" + (values.containsKey(matcher.group(1)) ? " (it has no value)"
                                                                                 : " (no such placeholder)"));
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        if (filled.indexOf("{{") >= 0) {
            throw new InvalidInput(field, "holds a placeholder that is not one: " + template);
        }
        return filled.toString();
    }
}
