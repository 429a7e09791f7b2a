package io.helpdesk.projections;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Migrates the {@code readmodel} schema with its own Flyway history table, apart from the event store's, so
 * that command-app and query-app can each migrate what they own. Not a {@link Flyway} bean on purpose: one
 * would switch off Spring Boot's Flyway, which migrates the event store.
 */
public class ReadModelSchema {

    private final Flyway flyway;

    public ReadModelSchema(DataSource dataSource) {
        this.flyway = Flyway.configure()
                            .dataSource(dataSource)
                            .locations("classpath:db/readmodel")
                            .table("flyway_readmodel_history")
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .load();
    }

    public void migrate() {
        flyway.migrate();
    }
}
