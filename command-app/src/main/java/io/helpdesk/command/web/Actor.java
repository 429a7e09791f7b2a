package io.helpdesk.command.web;

import io.helpdesk.security.Caller;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;

/** Who sends a command, and their teams: always the verified bearer token's, never the request's say-so. */
public final class Actor {

    private Actor() {
    }

    public static String of(ServerWebExchange exchange) {
        return Caller.of(exchange).user();
    }

    public static List<String> teams(ServerWebExchange exchange) {
        return Caller.of(exchange).teams();
    }
}
