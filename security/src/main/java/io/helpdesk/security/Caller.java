package io.helpdesk.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who sends a request, read from the verified bearer token: the user (recorded in every event's metadata),
 * their roles and their teams. Never taken from a header or the request body.
 */
public record Caller(String user, Set<Role> roles, List<String> teams) {

    static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        roles = Set.copyOf(roles);
        teams = List.copyOf(teams);
    }

    /** The authenticated caller of this exchange; 401 when the request carried no valid token. */
    public static Caller of(ServerWebExchange exchange) {
        return find(exchange).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "this request needs a bearer token"));
    }

    /** The caller, or empty on the endpoints open without a token (signed webhooks, health, API docs). */
    public static Optional<Caller> find(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    public boolean hasAny(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    public boolean inTeam(String team) {
        return teams.contains(team);
    }
}
