package io.helpdesk.command.macro;

import io.helpdesk.domain.ticket.TicketEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Remembers, in the transaction of each event a macro application writes, which ticket it changed and which of
 * the ticket's events are its own: an undo finds them here instead of searching the whole history.
 */
@Component
@ProcessingGroup("macro-lookup")
public class MacroApplications {

    /** What one application did to one ticket. */
    public record Applied(String ticketId, String macroId, int macroVersion, long firstSequence, long lastSequence) {
    }

    private final JdbcTemplate jdbc;

    public MacroApplications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketEvent event, @SequenceNumber Long sequence,
            @MetaDataValue(MacroEndpoints.MACRO_APPLICATION) String application,
            @MetaDataValue(MacroEndpoints.MACRO_ID) String macroId,
            @MetaDataValue(MacroEndpoints.MACRO_VERSION) Number macroVersion) {
        if (application == null || macroId == null || macroVersion == null) {
            return;
        }
        jdbc.update("""
                        INSERT INTO command.macro_application
                            (application_id, ticket_id, macro_id, macro_version, first_sequence, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (application_id, ticket_id) DO UPDATE
                        SET first_sequence = LEAST(macro_application.first_sequence, EXCLUDED.first_sequence),
                            last_sequence = GREATEST(macro_application.last_sequence, EXCLUDED.last_sequence)""",
                    application, event.ticketId(), macroId, macroVersion.intValue(), sequence, sequence);
    }

    public List<Applied> of(String application) {
        return jdbc.query("""
                        SELECT ticket_id, macro_id, macro_version, first_sequence, last_sequence
                        FROM command.macro_application WHERE application_id = ? ORDER BY ticket_id""",
                          (row, n) -> new Applied(row.getString(1), row.getString(2), row.getInt(3), row.getLong(4),
                                                  row.getLong(5)), application);
    }
}
