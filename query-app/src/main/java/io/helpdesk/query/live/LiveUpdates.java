package io.helpdesk.query.live;

import io.helpdesk.query.channels.ChannelAccess;

import io.helpdesk.eventstore.EventsAppendedListener;
import io.helpdesk.projections.ReadModelChanges;
import io.helpdesk.query.web.Viewer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Server-sent events for dashboards: {@code ticket} (an inbox row, timeline or SLA clock changed),
 * {@code notification} (for the viewer or their teams) and {@code channel}, each with the id that changed, so
 * the dashboard re-reads just that; {@code presence} (who is viewing or typing on a ticket changed). The changes come from the projections' PostgreSQL notifications, so every
 * query-app instance pushes every change. {@code resync} tells the client to reload after a reconnect gap.
 */
@RestController
public class LiveUpdates implements DisposableBean {

    private static final Set<String> TOPICS = Set.of("ticket", "notification", "channel", "presence");

    private final EventsAppendedListener listener;
    private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();
    private final Runnable unsubscribe;
    private final Sinks.One<Boolean> closing = Sinks.one();

    private final ChannelAccess channels;

    public LiveUpdates(DataSource dataSource, ChannelAccess channels) {
        this.channels = channels;
        this.listener = new EventsAppendedListener(dataSource, ReadModelChanges.CHANNEL);
        this.unsubscribe = listener.subscribe(payload -> changes.tryEmitNext(payload.isEmpty() ? "resync:" : payload));
    }

    @GetMapping(value = "/api/stream", produces = "text/event-stream")
    public Flux<ServerSentEvent<String>> stream(@RequestParam(defaultValue = "ticket,notification,channel") List<String> topics,
                                                ServerWebExchange exchange) {
        Viewer viewer = Viewer.of(exchange);
        List<String> recipients = topics.contains("notification") ? viewer.recipients() : List.of();
        Flux<ServerSentEvent<String>> updates = changes.asFlux()
                .filter(change -> wanted(change, topics, recipients))
                // A private or direct channel's changes go to its members only.
                .filterWhen(change -> !change.startsWith("channel:") ? Mono.just(true)
                        : channels.verdict(change.substring("channel:".length()), viewer.user())
                                  .map(verdict -> verdict == ChannelAccess.Verdict.MAY_READ))
                .map(change -> {
                    int colon = change.indexOf(':');
                    return ServerSentEvent.builder(change.substring(colon + 1)).event(change.substring(0, colon)).build();
                });
        Flux<ServerSentEvent<String>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(Flux.just(ServerSentEvent.<String>builder().comment("connected").build()), updates, heartbeat)
                   .takeUntilOther(closing.asMono());
    }

    /**
     * Ends every stream when the application starts to close, before the web server's graceful shutdown waits
     * for open requests: a stream never ends by itself and would hold the shutdown for its whole timeout. The
     * dashboards reconnect, to another instance or to this one when it is back.
     */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        closing.tryEmitValue(true);
    }

    private static boolean wanted(String change, List<String> topics, List<String> recipients) {
        int colon = change.indexOf(':');
        String topic = change.substring(0, colon);
        if (topic.equals("resync")) {
            return true;
        }
        if (!TOPICS.contains(topic) || !topics.contains(topic)) {
            return false;
        }
        return !topic.equals("notification") || recipients.contains(change.substring(colon + 1));
    }

    @Override
    public void destroy() {
        unsubscribe.run();
        listener.close();
        changes.tryEmitComplete();
    }
}
