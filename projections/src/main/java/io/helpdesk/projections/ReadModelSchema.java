package io.helpdesk.projections;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /**
     * V2 created its ids and positions with sequences; it now creates plain columns (the values come from the
     * events since V9 and V13, and V17 dropped the sequences, so the schema it leaves behind is the same). A
     * database migrated with the first text recorded that text's checksum: it is moved to the present text's,
     * and only when it is exactly the first text's, so that any other difference still fails validation.
     */
    static final int V2_FIRST_CHECKSUM = 1094623234;
    static final int V2_CHECKSUM = -1598347248;

    private final Flyway flyway;
    private final DataSource dataSource;

    public ReadModelSchema(DataSource dataSource) {
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                            .dataSource(dataSource)
                            .locations("classpath:db/readmodel")
                            .table("flyway_readmodel_history")
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .load();
    }

    public void migrate() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (jdbc.queryForObject("SELECT to_regclass('flyway_readmodel_history') IS NOT NULL", Boolean.class)) {
            jdbc.update("UPDATE flyway_readmodel_history SET checksum = ? WHERE version = '2' AND checksum = ?",
                        V2_CHECKSUM, V2_FIRST_CHECKSUM);
        }
        flyway.migrate();
    }
}
