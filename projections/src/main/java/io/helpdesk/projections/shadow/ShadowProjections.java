package io.helpdesk.projections.shadow;

import io.helpdesk.projections.ReadModel;

/**
 * Rebuild twins: each read model's package holds its projection's twin (same code, processing group
 * {@code <name>-shadow}, writing into {@code readmodel_shadow} through {@link ShadowJdbcTemplate}, announcing
 * nothing), stopped until a rebuild starts it from the first event.
 */
public final class ShadowProjections {

    public static final String SUFFIX = ReadModel.SHADOW_SUFFIX;

    private ShadowProjections() {
    }
}
