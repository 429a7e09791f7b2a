package io.helpdesk.query.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

import java.util.UUID;

/**
 * Expensive read queries stop in PostgreSQL when nobody waits for their answer any more. Cancelling a reactive
 * query only stops reading its rows: R2DBC's PostgreSQL driver does not cancel the statement, on purpose, since a
 * cancel request names a backend, not a statement, and may hit whatever that connection runs next
 * (r2dbc-postgresql#251, #536). So such a query runs in a transaction of its own that names it
 * ({@code SET LOCAL application_name}, undone when the transaction ends), and when its subscriber leaves (the
 * client disconnected), {@code pg_cancel_backend} is sent from another connection to the backend still running
 * under that name, and only to it: once the transaction has ended no backend carries the name.
 */
@Component
public class CancelOnLeave {

    static final String PREFIX = "helpdesk-query-";

    private static final Logger log = LoggerFactory.getLogger(CancelOnLeave.class);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Counter abandoned;

    public CancelOnLeave(DatabaseClient db, ConnectionFactory connections, MeterRegistry meters) {
        this.db = db;
        this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        this.abandoned = Counter.builder("helpdesk.queries.abandoned")
                                .description("Read queries left before their answer; their SQL is cancelled")
                                .register(meters);
    }

    /** The rows of {@code query} (built with this app's {@link DatabaseClient}), its SQL cancelled if abandoned. */
    public <T> Flux<T> rows(Flux<T> query) {
        String name = PREFIX + UUID.randomUUID();
        return transaction.transactional(db.sql("SET LOCAL application_name = '" + name + "'").then()
                                           .thenMany(query))
                          .doOnCancel(() -> cancel(name));
    }

    private void cancel(String name) {
        abandoned.increment();
        db.sql("""
                       SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) AS cancelled FROM pg_stat_activity
                       WHERE application_name = :name AND state = 'active'""")
          .bind("name", name)
          .map(row -> row.get("cancelled", Long.class))
          .one()
          .subscribe(cancelled -> {
                         if (cancelled > 0) {
                             log.info("Cancelled the SQL of a query nobody waits for any more ({})", name);
                         }
                     },
                     failure -> log.warn("Could not cancel the SQL of an abandoned query ({}): {}", name,
                                         failure.toString()));
    }
}
