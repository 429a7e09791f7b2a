package io.helpdesk.projections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every migration, nothing in the read models can hand out a number of its own: no sequence, no column
 * that draws from one, no identity column. Ids, positions and cursors clients see come from the events, so a
 * rebuild gives every row the number it had; a migration that brings a sequence back fails here.
 */
class ReadModelSchemaTest {

    @Test
    void no_read_model_table_numbers_its_rows_itself() {
        BatchingJdbcTemplate jdbc = ReadModelDatabase.migrated();
        assertThat(jdbc.queryForList("""
                SELECT sequence_schema || '.' || sequence_name FROM information_schema.sequences
                WHERE sequence_schema LIKE 'readmodel%'""", String.class)).isEmpty();
        assertThat(jdbc.queryForList("""
                SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema LIKE 'readmodel%'
                  AND (column_default LIKE 'nextval%' OR is_identity = 'YES')""", String.class)).isEmpty();
    }

    @Test
    void a_database_migrated_with_the_first_text_of_v2_still_migrates_and_records_the_present_one() {
        BatchingJdbcTemplate jdbc = ReadModelDatabase.migrated();
        jdbc.update("UPDATE flyway_readmodel_history SET checksum = ? WHERE version = '2'",
                    ReadModelSchema.V2_FIRST_CHECKSUM);
        new ReadModelSchema(jdbc.getDataSource()).migrate();
        assertThat(jdbc.queryForObject("SELECT checksum FROM flyway_readmodel_history WHERE version = '2'",
                                       Integer.class)).isEqualTo(ReadModelSchema.V2_CHECKSUM);
    }
}
