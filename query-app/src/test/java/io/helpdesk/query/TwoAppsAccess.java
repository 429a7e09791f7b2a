package io.helpdesk.query;

import io.helpdesk.eventstore.testing.TestDatabase;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@link TwoApps} for tests in other packages (the dashboard's browser tests). */
public final class TwoAppsAccess implements AutoCloseable {

    private final TwoApps apps;

    private TwoAppsAccess(TwoApps apps) {
        this.apps = apps;
    }

    public static TwoAppsAccess start(TestDatabase.Database database, String[] commandArgs, String[] queryArgs) {
        return new TwoAppsAccess(new TwoApps(database, false, commandArgs, queryArgs));
    }

    public WebTestClient commands() {
        return apps.commands();
    }

    public String queryUrl() {
        return apps.queryUrl();
    }

    @Override
    public void close() {
        apps.close();
    }
}
