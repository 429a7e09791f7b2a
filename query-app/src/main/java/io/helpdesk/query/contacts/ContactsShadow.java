package io.helpdesk.query.contacts;

import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.shadow.ShadowGates;
import io.helpdesk.projections.shadow.ShadowJdbcTemplate;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * The rebuild twin of {@link ContactProjection}: the same code in the processing group {@code contacts-shadow},
 * writing into {@code readmodel_shadow}; stopped until a rebuild starts it.
 */
@Component
@ProcessingGroup(ContactProjection.GROUP + ReadModel.SHADOW_SUFFIX)
class ContactsShadow extends ContactProjection {

    ContactsShadow(DataSource dataSource, ShadowGates gates) {
        super(new ShadowJdbcTemplate(dataSource, gates, ContactProjection.GROUP));
    }
}
