package io.helpdesk.projections;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh database with the read models' schema, for tests that drive a projection directly. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public static BatchingJdbcTemplate migrated() {
        TestDatabase.Database database = TestDatabase.create();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password());
        new ReadModelSchema(dataSource).migrate();
        return new BatchingJdbcTemplate(dataSource);
    }
}
