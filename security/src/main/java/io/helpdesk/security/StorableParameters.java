package io.helpdesk.security;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Query parameters with text PostgreSQL cannot hold (a NUL character, a lone UTF-16 surrogate) are refused
 * with 400 naming the parameter, before any query is built from them: the database would fail the query.
 */
final class StorableParameters implements WebFilter, Ordered {

    private final SecurityProblems problems;

    StorableParameters(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            String problem = StorableText.problem(parameter.getKey());
            for (String value : parameter.getValue()) {
                problem = problem != null ? problem : StorableText.problem(value);
            }
            if (problem != null) {
                return problems.badParameter(exchange, parameter.getKey().replace('\0', ' '), problem);
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
