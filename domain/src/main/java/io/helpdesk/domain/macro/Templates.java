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

    /**
     * What a ticket's templates may name: {@code customer.name}, {@code customer.email}, {@code ticket.id},
     * {@code ticket.subject}, {@code ticket.priority}, {@code agent.name} (for a rule: the rule's name, also as
     * {@code rule.name}). A value may be null: a template naming it is refused.
     */
    public static Map<String, String> values(String customerName, String customerEmail, String ticketId,
                                             String subject, String priority, String agent, String rule) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("customer.name", customerName);
        values.put("customer.email", customerEmail);
        values.put("ticket.id", ticketId);
        values.put("ticket.subject", subject);
        values.put("ticket.priority", priority);
        values.put("agent.name", agent);
        if (rule != null) {
            values.put("rule.name", rule);
        }
        return values;
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
