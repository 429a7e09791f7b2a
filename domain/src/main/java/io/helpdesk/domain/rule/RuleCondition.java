package io.helpdesk.domain.rule;

import io.helpdesk.domain.field.CustomFields;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One condition on the ticket. {@code IS} / {@code IS_NOT} compare a field with a value (no value: the field is
 * empty; for {@code TAG}, whether the ticket carries that tag; for {@code BUSINESS_HOURS}, {@code true} or
 * {@code false}); {@code CONTAINS} / {@code NOT_CONTAINS} look for the value in {@code TEXT} (the triggering
 * message), ignoring case. {@code CUSTOMER_DOMAIN} is the part of the customer's e-mail address after the @.
 * {@code FIELD} is the ticket's custom field named by {@code key}: {@code IS} compares its value as text (a number
 * as its decimal text, a checkbox as {@code true} / {@code false}, a select field by option id; a multi-select
 * field holds when the option is among those chosen); no value: the field is unset. Other fields take no key.
 */
public record RuleCondition(Field field, String key, Operator operator, String value) {

    public enum Field {
        CHANNEL, PRIORITY, STATUS, ASSIGNEE, TEAM, CATEGORY, TAG, TEXT, CUSTOMER_DOMAIN, BUSINESS_HOURS, FIELD
    }

    public enum Operator {
        IS, IS_NOT, CONTAINS, NOT_CONTAINS
    }

    private static final Set<Field> OPTIONAL_VALUE = Set.of(Field.ASSIGNEE, Field.TEAM, Field.CATEGORY, Field.FIELD);

    public RuleCondition(Field field, Operator operator, String value) {
        this(field, null, operator, value);
    }

    public RuleCondition {
        Require.present(field, "field");
        Require.present(operator, "operator");
        if (field == Field.FIELD) {
            CustomFields.key(key, "key");
        } else if (key != null) {
            throw new InvalidInput("key", "only FIELD conditions name a custom field");
        }
        boolean textual = operator == Operator.CONTAINS || operator == Operator.NOT_CONTAINS;
        if (textual != (field == Field.TEXT)) {
            throw new InvalidInput("operator", textual ? "CONTAINS and NOT_CONTAINS apply to TEXT only"
                                                       : "TEXT takes CONTAINS or NOT_CONTAINS");
        }
        value = OPTIONAL_VALUE.contains(field) ? Require.optionalText(value, "value", 200)
                                               : Require.text(value, "value", 1_000);
        if (field == Field.BUSINESS_HOURS && !value.equals("true") && !value.equals("false")) {
            throw new InvalidInput("value", "must be true or false");
        }
    }

    /** Whether every condition holds: no conditions hold always. */
    public static boolean all(List<RuleCondition> conditions, TicketFacts ticket) {
        return conditions.stream().allMatch(condition -> condition.holdsFor(ticket));
    }

    public boolean holdsFor(TicketFacts ticket) {
        return switch (operator) {
            case IS -> is(ticket);
            case IS_NOT -> !is(ticket);
            case CONTAINS -> contains(ticket.text());
            case NOT_CONTAINS -> !contains(ticket.text());
        };
    }

    private boolean is(TicketFacts ticket) {
        return switch (field) {
            case CHANNEL -> value.equalsIgnoreCase(String.valueOf(ticket.channel()));
            case PRIORITY -> value.equalsIgnoreCase(String.valueOf(ticket.priority()));
            case STATUS -> value.equalsIgnoreCase(String.valueOf(ticket.status()));
            case ASSIGNEE -> same(ticket.assignee());
            case TEAM -> same(ticket.team());
            case CATEGORY -> same(ticket.category());
            case TAG -> ticket.tags().contains(value);
            case CUSTOMER_DOMAIN -> value.equalsIgnoreCase(domainOf(ticket.customerAddress()));
            case BUSINESS_HOURS -> Boolean.parseBoolean(value) == ticket.businessHours();
            case FIELD -> fieldIs(ticket.fields().get(key));
            case TEXT -> false;
        };
    }

    private boolean fieldIs(Object actual) {
        if (value == null) {
            return actual == null || actual instanceof java.util.Collection<?> chosen && chosen.isEmpty();
        }
        if (actual instanceof java.util.Collection<?> chosen) {
            return chosen.stream().anyMatch(option -> value.equals(String.valueOf(option)));
        }
        if (actual instanceof Number || actual instanceof String text && isNumber(text) && isNumber(value)) {
            return isNumber(value) && new BigDecimal(value).compareTo(new BigDecimal(actual.toString())) == 0;
        }
        return actual != null && value.equals(String.valueOf(actual));
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean same(String actual) {
        return value == null ? actual == null || actual.isBlank() : value.equals(actual);
    }

    private boolean contains(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    static List<RuleCondition> list(List<RuleCondition> conditions) {
        if (conditions == null) {
            return List.of();
        }
        if (conditions.size() > 50) {
            throw new InvalidInput("conditions", "must hold at most 50 conditions");
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) == null) {
                throw new InvalidInput("conditions[" + i + "]", "is required");
            }
        }
        return List.copyOf(conditions);
    }
}
