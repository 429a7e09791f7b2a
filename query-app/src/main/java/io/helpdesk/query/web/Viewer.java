package io.helpdesk.query.web;

import io.helpdesk.security.Caller;
import org.springframework.web.server.ServerWebExchange;

import java.util.ArrayList;
import java.util.List;

/** Who is looking, and their teams, from the verified bearer token. */
public record Viewer(String user, List<String> teams) {

    public static Viewer of(ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return new Viewer(caller.user(), caller.teams());
    }

    /** The recipients whose notifications this viewer sees: themselves and their teams. */
    public List<String> recipients() {
        List<String> recipients = new ArrayList<>();
        recipients.add(user);
        teams.forEach(team -> recipients.add("team:" + team));
        return recipients;
    }
}
