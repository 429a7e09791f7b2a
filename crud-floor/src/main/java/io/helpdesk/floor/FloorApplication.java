package io.helpdesk.floor;

import io.helpdesk.security.ApiSecurity;
import io.helpdesk.security.Caller;
import io.helpdesk.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The floor the bench measures commands against: what a support team would get from a plain CRUD service on
 * the same stack. A request passes the same security filters (the same JWT check, firewall, body draining,
 * correlation ids, tracing) and the same Jackson and validation, then writes one row in one transaction through
 * JDBC on the bounded-elastic scheduler, as command-app's commands do; no events, aggregates or projections.
 * Not part of the product: the bench starts it as its own process beside the apps.
 */
// Without the logback meter, as the apps (see CommandApplication).
@SpringBootApplication(exclude = LogbackMetricsAutoConfiguration.class)
public class FloorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(FloorApplication.class).properties("spring.config.name=crud-floor").run(args);
    }

    @Bean
    SecurityWebFilterChain floorSecurity(ServerHttpSecurity http, ApiSecurity security) {
        return security.chain(http, rules -> rules.pathMatchers(HttpMethod.POST, "/api/notes")
                                                  .hasAnyRole(ApiSecurity.roles(Role.AGENT, Role.MANAGER, Role.ADMIN)));
    }

    @RestController
    static class Notes {

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transactions;

        Notes(JdbcTemplate jdbc, TransactionTemplate transactions) {
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        record Note(@NotBlank @Size(max = 64) String ticketId, @NotBlank @Size(max = 100_000) String body) {
        }

        record Created(String noteId) {
        }

        @PostMapping("/api/notes")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<Created> add(@Valid @RequestBody Note note, ServerWebExchange exchange) {
            String author = Caller.find(exchange).map(Caller::user).orElseThrow();
            return Mono.fromCallable(() -> {
                           String id = UUID.randomUUID().toString();
                           transactions.executeWithoutResult(status -> jdbc.update(
                                   "INSERT INTO floor.note (note_id, ticket_id, author, body, written_at) "
                                           + "VALUES (?, ?, ?, ?, ?)",
                                   id, note.ticketId(), author, note.body(), Timestamp.from(Instant.now())));
                           return new Created(id);
                       })
                       .subscribeOn(Schedulers.boundedElastic());
        }
    }
}
