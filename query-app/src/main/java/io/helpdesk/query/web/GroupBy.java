package io.helpdesk.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Locale;
import java.util.Map;

/** Maps a {@code by}/{@code groupBy} request parameter to a whitelisted SQL expression. */
public final class GroupBy {

    private GroupBy() {
    }

    public static String expression(String requested, Map<String, String> allowed) {
        String key = requested == null ? "all" : requested.toLowerCase(Locale.ROOT);
        String expression = allowed.get(key);
        if (expression == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "group by one of " + allowed.keySet());
        }
        return expression;
    }
}
