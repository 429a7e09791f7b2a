package io.helpdesk.query.analytics;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import io.helpdesk.projections.TicketSla;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The rebuild twin of {@link AnalyticsProjection}: the same code in the processing group {@code analytics-shadow}, writing into
 * {@code readmodel_shadow} and announcing nothing; stopped until a rebuild starts it from the first event.
 */
@Component
@ProcessingGroup(AnalyticsProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class AnalyticsShadow extends AnalyticsProjection {
    AnalyticsShadow(DataSource dataSource, ShadowGates gates, TicketSla sla) {
        super(new ShadowJdbcTemplate(dataSource, gates, AnalyticsProjection.GROUP), sla);
    }
}
