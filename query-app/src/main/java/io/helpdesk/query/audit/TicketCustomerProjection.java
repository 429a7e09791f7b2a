package io.helpdesk.query.audit;

import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which customer opened each ticket, for the audit export's {@code customer=} filter: the export reads the event
 * store, and this keeps the one field it filters by, so that no SQL reads the events' serialized payloads.
 */
@Component
@ProcessingGroup(TicketCustomerProjection.GROUP)
public class TicketCustomerProjection extends Projection {

    public static final String GROUP = "audit";

    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("audit_ticket_customer", "ticket_id")),
            "/api/audit");

    private final BatchingJdbcTemplate jdbc;

    public TicketCustomerProjection(BatchingJdbcTemplate jdbc) {
        super(jdbc);
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketOpened event) {
        jdbc.updateRow(new Row("audit_ticket_customer", event.ticketId()),
                       "INSERT INTO readmodel.audit_ticket_customer (ticket_id, customer_email) VALUES (?, ?)",
                       event.ticketId(), event.customerEmail());
    }

    @EventHandler
    void on(io.helpdesk.domain.ticket.TicketErased event) {
        jdbc.updateRow(new Row("audit_ticket_customer", event.ticketId()),
                       "UPDATE readmodel.audit_ticket_customer SET customer_email = ? WHERE ticket_id = ?",
                       io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED, event.ticketId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.audit_ticket_customer");
    }
}
