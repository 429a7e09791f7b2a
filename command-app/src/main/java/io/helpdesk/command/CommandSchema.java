package io.helpdesk.command;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * command-app's own schema ({@code command}): the lookups its command handlers keep, migrated from
 * {@code db/command} with a Flyway history of its own, after the event store's (whose old lookup tables the
 * first migration moves here). Not a {@link Flyway} bean: one would switch off Spring Boot's, which migrates
 * the event store.
 */
@Configuration(proxyBeanMethods = false)
class CommandSchema {

    @Bean
    CommandSchemaMigration commandSchemaMigration(DataSource dataSource,
                                                  ObjectProvider<FlywayMigrationInitializer> eventStore) {
        // After the event store's migrations, when this app runs them.
        eventStore.getIfAvailable();
        Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/command")
              .table("flyway_command_history")
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
        return new CommandSchemaMigration();
    }

    /** Marks that the schema is migrated; beans that need the lookups may depend on it. */
    static final class CommandSchemaMigration {
    }
}
