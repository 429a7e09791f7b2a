package io.helpdesk.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import java.util.Arrays;
import java.util.List;

/** Who is looking, and their teams: {@code X-Actor} and {@code X-Actor-Teams} until bearer tokens carry them. */
public record Viewer(String user, List<String> teams) {

    public static Viewer of(ServerWebExchange exchange) {
        String user = exchange.getRequest().getHeaders().getFirst("X-Actor");
        if (user == null || user.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the X-Actor header names who is asking");
        }
        String teams = exchange.getRequest().getHeaders().getFirst("X-Actor-Teams");
        List<String> teamList = teams == null || teams.isBlank() ? List.of()
                : Arrays.stream(teams.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        return new Viewer(user.trim(), teamList);
    }

    /** The recipients whose notifications this viewer sees: themselves and their teams. */
    public List<String> recipients() {
        List<String> recipients = new java.util.ArrayList<>();
        recipients.add(user);
        teams.forEach(team -> recipients.add("team:" + team));
        return recipients;
    }
}
