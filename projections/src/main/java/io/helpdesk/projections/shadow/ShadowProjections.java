package io.helpdesk.projections.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaSettings;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.projections.analytics.AnalyticsProjection;
import io.helpdesk.projections.channels.ChannelProjection;
import io.helpdesk.projections.inbox.InboxProjection;
import io.helpdesk.projections.inbox.TicketTimelineProjection;
import io.helpdesk.projections.notifications.NotificationProjection;
import io.helpdesk.projections.sla.SlaProjection;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/**
 * The rebuild twins of the read-model projections: the same code in processing groups named
 * {@code <group>-shadow}, writing into {@code readmodel_shadow} and announcing nothing. They stay stopped
 * until a rebuild starts them from the first event.
 */
public final class ShadowProjections {

    public static final String SUFFIX = "-shadow";

    /** The tables each read model owns; a rebuild swaps exactly these. */
    public static final Map<String, List<String>> TABLES = Map.of(
            InboxProjection.GROUP, List.of("inbox_ticket", "ticket_timeline"),
            SlaProjection.GROUP, List.of("sla_ticket", "sla_clock"),
            AnalyticsProjection.GROUP, List.of("ticket_fact", "handoff_fact"),
            NotificationProjection.GROUP, List.of("notification"),
            ChannelProjection.GROUP, List.of("channel_view", "channel_member", "channel_message"));

    private ShadowProjections() {
    }

    @Component
    @ProcessingGroup(InboxProjection.GROUP + SUFFIX)
    static class InboxShadow extends InboxProjection {
        @Autowired
        InboxShadow(DataSource dataSource) {
            this(new ShadowJdbcTemplate(dataSource));
        }

        private InboxShadow(ShadowJdbcTemplate jdbc) {
            super(jdbc, ReadModelChanges.silent(jdbc));
        }
    }

    @Component
    @ProcessingGroup(InboxProjection.GROUP + SUFFIX)
    static class TimelineShadow extends TicketTimelineProjection {
        @Autowired
        TimelineShadow(DataSource dataSource) {
            this(new ShadowJdbcTemplate(dataSource));
        }

        private TimelineShadow(ShadowJdbcTemplate jdbc) {
            super(jdbc, ReadModelChanges.silent(jdbc));
        }
    }

    @Component
    @ProcessingGroup(SlaProjection.GROUP + SUFFIX)
    static class SlaShadow extends SlaProjection {
        @Autowired
        SlaShadow(DataSource dataSource, ObjectMapper json, WhatIfSlaPolicy policy, SlaSettings settings) {
            this(new ShadowJdbcTemplate(dataSource), json, policy, settings);
        }

        private SlaShadow(ShadowJdbcTemplate jdbc, ObjectMapper json, WhatIfSlaPolicy policy, SlaSettings settings) {
            super(jdbc, json, policy::current, settings.atRiskShare(), ReadModelChanges.silent(jdbc));
        }
    }

    @Component
    @ProcessingGroup(AnalyticsProjection.GROUP + SUFFIX)
    static class AnalyticsShadow extends AnalyticsProjection {
        AnalyticsShadow(DataSource dataSource) {
            super(new ShadowJdbcTemplate(dataSource));
        }
    }

    @Component
    @ProcessingGroup(NotificationProjection.GROUP + SUFFIX)
    static class NotificationsShadow extends NotificationProjection {
        @Autowired
        NotificationsShadow(DataSource dataSource) {
            this(new ShadowJdbcTemplate(dataSource));
        }

        private NotificationsShadow(ShadowJdbcTemplate jdbc) {
            super(jdbc, ReadModelChanges.silent(jdbc));
        }
    }

    @Component
    @ProcessingGroup(ChannelProjection.GROUP + SUFFIX)
    static class ChannelsShadow extends ChannelProjection {
        @Autowired
        ChannelsShadow(DataSource dataSource) {
            this(new ShadowJdbcTemplate(dataSource));
        }

        private ChannelsShadow(ShadowJdbcTemplate jdbc) {
            super(jdbc, ReadModelChanges.silent(jdbc));
        }
    }
}
