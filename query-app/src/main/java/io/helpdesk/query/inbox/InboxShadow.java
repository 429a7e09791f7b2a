package io.helpdesk.query.inbox;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import io.helpdesk.projections.TicketSla;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rebuild twin of {@link InboxProjection}: the same code in the processing group {@code inbox-shadow}, writing into
 * {@code readmodel_shadow} and announcing nothing; stopped until a rebuild starts it from the first event.
 */
@Component
@ProcessingGroup(InboxProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class InboxShadow extends InboxProjection {
    @Autowired
    InboxShadow(DataSource dataSource, ShadowGates gates, TicketSla sla) {
        this(new ShadowJdbcTemplate(dataSource, gates, InboxProjection.GROUP), sla);
    }

    private InboxShadow(ShadowJdbcTemplate jdbc, TicketSla sla) {
        super(jdbc, ReadModelChanges.silent(jdbc), sla);
    }
}
