package io.helpdesk.query.audit;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * The rebuild twin of {@link TicketCustomerProjection}: the same code in the processing group
 * {@code audit-shadow}, writing into {@code readmodel_shadow}; stopped until a rebuild starts it.
 */
@Component
@ProcessingGroup(TicketCustomerProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class TicketCustomerShadow extends TicketCustomerProjection {

    TicketCustomerShadow(DataSource dataSource, ShadowGates gates) {
        super(new ShadowJdbcTemplate(dataSource, gates, TicketCustomerProjection.GROUP));
    }
}
