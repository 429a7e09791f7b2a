package io.helpdesk.projections;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Migrates the {@code readmodel} schema with its own Flyway history table, apart from the event store's, so
 * that command-app and query-app can each migrate what they own. Not a {@link Flyway} bean on purpose: one
 * would switch off Spring Boot's Flyway, which migrates the event store.
 * <p>
 * A migration changes the live tables ({@code readmodel.*}) only: a rebuild creates its shadow tables from them
 * ({@code ShadowTables}). The shadow statements in V3 to V9 are from before that and stay as they were applied.
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
