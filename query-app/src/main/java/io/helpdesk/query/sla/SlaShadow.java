package io.helpdesk.query.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaSettings;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import io.helpdesk.projections.shadow.WhatIfSlaPolicy;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rebuild twin of {@link SlaProjection}: the same code in the processing group {@code sla-shadow}, writing into
 * {@code readmodel_shadow} and announcing nothing; stopped until a rebuild starts it from the first event.
 */
@Component
@ProcessingGroup(SlaProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class SlaShadow extends SlaProjection {
    @Autowired
    SlaShadow(DataSource dataSource, ShadowGates gates, ObjectMapper json, WhatIfSlaPolicy policy, SlaSettings settings) {
        this(new ShadowJdbcTemplate(dataSource, gates, SlaProjection.GROUP), json, policy, settings);
    }

    private SlaShadow(ShadowJdbcTemplate jdbc, ObjectMapper json, WhatIfSlaPolicy policy, SlaSettings settings) {
        super(jdbc, json, policy::current, settings.atRiskShare(), ReadModelChanges.silent(jdbc));
    }
}
