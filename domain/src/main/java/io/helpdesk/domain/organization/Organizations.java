package io.helpdesk.domain.organization;

import io.helpdesk.domain.shared.InvalidInput;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** How organizations and their e-mail domains are written. */
public final class Organizations {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private Organizations() {
    }

    public static String newId() {
        return "o-" + UUID.randomUUID();
    }

    /** E-mail domains ({@code example.com}) whose new contacts join the organization, in lower case. */
    public static List<String> domains(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 100) {
            throw new InvalidInput(field, "at most 100 domains");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
            if (value.startsWith("@")) {
                value = value.substring(1);
            }
            if (value.length() > 253 || !DOMAIN.matcher(value).matches()) {
                throw new InvalidInput(field + "[" + i + "]", "must be a domain such as example.com");
            }
            domains.add(value);
        }
        return List.copyOf(domains);
    }
}
