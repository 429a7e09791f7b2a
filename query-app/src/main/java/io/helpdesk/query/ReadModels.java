package io.helpdesk.query;

import io.helpdesk.projections.ReadModel;

import java.util.List;

/**
 * The read models this app keeps, each in a package of its own (its projection, its rebuild twin, its queries
 * and endpoint, its descriptor): what the rebuild, read-your-writes, the figure cache, live updates, the processor
 * settings and the rebuild checks go through. Adding a read model is adding its package and a line here.
 */
public final class ReadModels {

    /**
     * In the order the rebuild checks go through them. In a holder: each projection's descriptor is made while
     * its class initializes, which must not wait for this list.
     */
    private static final class All {
        static final List<ReadModel> LIST = List.of(
                io.helpdesk.query.inbox.InboxProjection.READ_MODEL,
                io.helpdesk.query.sla.SlaProjection.READ_MODEL,
                io.helpdesk.query.analytics.AnalyticsProjection.READ_MODEL,
                io.helpdesk.query.notifications.NotificationProjection.READ_MODEL,
                io.helpdesk.query.channels.ChannelProjection.READ_MODEL,
                io.helpdesk.query.audit.TicketCustomerProjection.READ_MODEL,
                io.helpdesk.query.contacts.ContactProjection.READ_MODEL);
    }

    private ReadModels() {
    }

    public static List<ReadModel> all() {
        return All.LIST;
    }

    /** The read model called {@code name}, or null. */
    public static ReadModel named(String name) {
        return all().stream().filter(model -> model.name().equals(name)).findFirst().orElse(null);
    }

    public static List<String> names() {
        return all().stream().map(ReadModel::name).toList();
    }

    /** The read models that answer requests to {@code path}; all of them for a path none claims. */
    public static List<ReadModel> answering(String path) {
        List<ReadModel> answering = all().stream().filter(model -> model.answers(path)).toList();
        return answering.isEmpty() ? all() : answering;
    }
}
