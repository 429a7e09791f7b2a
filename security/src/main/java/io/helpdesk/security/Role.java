package io.helpdesk.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token lets its holder do. VIEWER reads dashboards; AGENT works tickets, handoffs and channels;
 * MANAGER also assigns across teams, reads every figure and exports the audit trail; ADMIN also rebuilds
 * read models and runs SLA what-ifs. Roles are not nested: a token lists every role it grants.
 */
public enum Role {
    ADMIN, MANAGER, AGENT, VIEWER;

    /** The Spring Security authority for this role, {@code ROLE_ADMIN} and so on. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** {@code admin}, {@code ADMIN} and {@code ROLE_ADMIN} all name ADMIN; anything else names no role. */
    public static Optional<Role> parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
