package io.helpdesk.query.channels;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rebuild twin of {@link ChannelProjection}: the same code in the processing group {@code channels-shadow}, writing into
 * {@code readmodel_shadow} and announcing nothing; stopped until a rebuild starts it from the first event.
 */
@Component
@ProcessingGroup(ChannelProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class ChannelsShadow extends ChannelProjection {
    @Autowired
    ChannelsShadow(DataSource dataSource, ShadowGates gates) {
        this(new ShadowJdbcTemplate(dataSource, gates, ChannelProjection.GROUP));
    }

    private ChannelsShadow(ShadowJdbcTemplate jdbc) {
        super(jdbc, ReadModelChanges.silent(jdbc));
    }
}
