package io.helpdesk.command.field;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.field.FieldChanged;
import io.helpdesk.domain.field.FieldDefined;
import io.helpdesk.domain.field.FieldEntity;
import io.helpdesk.domain.field.FieldOption;
import io.helpdesk.domain.field.FieldType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The custom fields' definitions ({@code command.custom_field}), kept in the transaction of their events. */
@Component
@ProcessingGroup(FieldLookups.GROUP)
public class FieldLookups {

    public static final String GROUP = "field-lookup";

    /** A field as values are checked against it. */
    public record Field(String key, FieldEntity entity, String label, FieldType type, List<FieldOption> options) {

        public List<String> optionIds() {
            return options.stream().map(FieldOption::id).toList();
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public FieldLookups(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Field> field(String key) {
        return jdbc.query("SELECT key, entity, label, type, options::text FROM command.custom_field WHERE key = ?",
                          this::row, key).stream().findFirst();
    }

    public List<Field> all() {
        return jdbc.query("SELECT key, entity, label, type, options::text FROM command.custom_field ORDER BY entity, key",
                          this::row);
    }

    @EventHandler
    void on(FieldDefined event, @Timestamp Instant at) {
        jdbc.update("""
                            INSERT INTO command.custom_field (key, entity, label, type, options, defined_at)
                            VALUES (?, ?, ?, ?, ?::jsonb, ?)""",
                    event.key(), event.entity().name(), event.label(), event.type().name(), write(event.options()),
                    at.atOffset(ZoneOffset.UTC));
    }

    @EventHandler
    void on(FieldChanged event) {
        jdbc.update("UPDATE command.custom_field SET label = ?, options = ?::jsonb WHERE key = ?", event.label(),
                    write(event.options()), event.key());
    }

    private Field row(ResultSet row, int n) throws SQLException {
        try {
            return new Field(row.getString(1), FieldEntity.valueOf(row.getString(2)), row.getString(3),
                             FieldType.valueOf(row.getString(4)),
                             json.readValue(row.getString(5), new TypeReference<List<FieldOption>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a field's options are not JSON", e);
        }
    }

    private String write(List<FieldOption> options) {
        try {
            return json.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
