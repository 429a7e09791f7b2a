package io.helpdesk.command.web;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import java.util.Arrays;
import java.util.List;

/**
 * Who sends a command, and their teams. Read from the {@code X-Actor} and {@code X-Actor-Teams} headers
 * until bearer tokens carry them.
 */
public final class Actor {

    public static final String HEADER = "X-Actor";
    public static final String TEAMS_HEADER = "X-Actor-Teams";

    private Actor() {
    }

    public static String of(ServerWebExchange exchange) {
        String actor = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (actor == null || actor.isBlank()) {
            throw new ServerWebInputException("the " + HEADER + " header names who sends this command");
        }
        return actor.trim();
    }

    public static List<String> teams(ServerWebExchange exchange) {
        String teams = exchange.getRequest().getHeaders().getFirst(TEAMS_HEADER);
        if (teams == null || teams.isBlank()) {
            return List.of();
        }
        return Arrays.stream(teams.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
