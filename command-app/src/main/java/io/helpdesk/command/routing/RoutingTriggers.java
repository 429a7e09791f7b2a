package io.helpdesk.command.routing;

import io.helpdesk.domain.agent.AgentEvent;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketQueued;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketUnassigned;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When routing has something to do: a ticket queued, a slot freed (a ticket resolved, closed or given to someone
 * else, an agent back online, a capacity raised), and every {@code helpdesk.routing.sweep} in case this instance
 * missed one (another instance's processor sees the events). The routing itself runs on a thread of its own, each
 * assignment in its own transaction, never inside the processor's batch: a refused assignment must not fail it.
 */
@Component
@ProcessingGroup(RoutingTriggers.GROUP)
public class RoutingTriggers {

    public static final String GROUP = "routing";

    private static final Logger log = LoggerFactory.getLogger(RoutingTriggers.class);

    private final Router router;
    private final RoutingSettings settings;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "routing"));
    private final AtomicBoolean pending = new AtomicBoolean();

    public RoutingTriggers(Router router, RoutingSettings settings) {
        this.router = router;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sweep() {
        long every = settings.sweep().toMillis();
        worker.scheduleWithFixedDelay(this::routeNow, 0, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketQueued event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketAssigned event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketUnassigned event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketResolved event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketClosed event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketReopened event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(TicketReturnedToOpen event) {
        soon();
    }

    @EventHandler
    @DisallowReplay
    void on(AgentEvent event) {
        soon();
    }

    /** Many events in a row ask once: a request made while one waits is already covered by it. */
    private void soon() {
        if (pending.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(this::routeNow);
        }
    }

    private void routeNow() {
        pending.set(false);
        try {
            for (String team : router.teamsWaiting()) {
                router.route(team);
            }
        } catch (RuntimeException e) {
            if (!worker.isShutdown()) {
                log.warn("Routing failed; it is tried again with the next change or sweep", e);
            }
        }
    }
}
