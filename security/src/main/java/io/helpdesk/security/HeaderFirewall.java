package io.helpdesk.security;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import java.util.function.Predicate;

/**
 * Spring Security's strict firewall, accepting exactly the header names, header values and parameter names it
 * accepts by default. Its defaults test every character against a Unicode regular expression (assigned, not a
 * control character), and it tests a header each time anything reads it: a bearer token of a few hundred
 * characters is matched several times per request, about a tenth of command-app's CPU under load. A string of
 * printable ASCII (and tab, in header values) passes that expression by definition, so it is answered with a
 * loop over its characters; anything else still goes to Spring Security's own predicate.
 */
final class HeaderFirewall {

    private HeaderFirewall() {
    }

    static StrictServerWebExchangeFirewall strict() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(printableOr(false, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(printableOr(true, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES));
        firewall.setAllowedParameterNames(
                printableOr(false, StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES));
        return firewall;
    }

    /** Printable ASCII (with tab where {@code tab}) passes; anything else, null too, is for {@code otherwise}. */
    static Predicate<String> printableOr(boolean tab, Predicate<String> otherwise) {
        return value -> (value != null && printableAscii(value, tab)) || otherwise.test(value);
    }

    private static boolean printableAscii(String value, boolean tab) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if ((c < ' ' || c > '~') && !(tab && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
