package io.helpdesk.eventstore.testing;

import io.helpdesk.eventstore.EventStoreAutoConfiguration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh test database with the event store's schema, and Axon's JDBC engine on it as the apps set it up. */
public final class EventStoreDatabase {

    private EventStoreDatabase() {
    }

    public static PGSimpleDataSource create() {
        TestDatabase.Database database = TestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        return dataSource;
    }

    public static JdbcEventStorageEngine.Builder engine(PGSimpleDataSource dataSource) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                                     .connectionProvider(dataSource::getConnection)
                                     .transactionManager(NoTransactionManager.INSTANCE)
                                     .eventSerializer(serializer)
                                     .snapshotSerializer(serializer)
                                     .schema(new EventStoreAutoConfiguration().eventSchema());
    }
}
