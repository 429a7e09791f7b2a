package io.helpdesk.query.notifications;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rebuild twin of {@link NotificationProjection}: the same code in the processing group {@code notifications-shadow}, writing into
 * {@code readmodel_shadow} and announcing nothing; stopped until a rebuild starts it from the first event.
 */
@Component
@ProcessingGroup(NotificationProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class NotificationsShadow extends NotificationProjection {
    @Autowired
    NotificationsShadow(DataSource dataSource, ShadowGates gates) {
        this(new ShadowJdbcTemplate(dataSource, gates, NotificationProjection.GROUP));
    }

    private NotificationsShadow(ShadowJdbcTemplate jdbc) {
        super(jdbc, ReadModelChanges.silent(jdbc));
    }
}
