package io.helpdesk.query.channels;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may see a staff channel: anybody a public one, only its members a private or direct one. A channel's
 * type never changes, so public channels are remembered; membership is asked each time.
 */
@Component
public class ChannelAccess {

    public enum Verdict { UNKNOWN, MAY_READ, MEMBERS_ONLY }

    private final DatabaseClient db;
    private final Map<String, Boolean> publicChannels = new ConcurrentHashMap<>();

    public ChannelAccess(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Verdict> verdict(String channelId, String user) {
        if (Boolean.TRUE.equals(publicChannels.get(channelId))) {
            return Mono.just(Verdict.MAY_READ);
        }
        return db.sql("""
                        SELECT v.type, EXISTS (SELECT 1 FROM readmodel.channel_member m
                                               WHERE m.channel_id = v.channel_id AND m.member = :me) AS member
                        FROM readmodel.channel_view v WHERE v.channel_id = :channel""")
                 .bind("channel", channelId).bind("me", user)
                 .map(r -> {
                     boolean isPublic = "PUBLIC".equals(r.get("type", String.class));
                     if (isPublic) {
                         publicChannels.put(channelId, true);
                     }
                     return isPublic || Boolean.TRUE.equals(r.get("member", Boolean.class))
                             ? Verdict.MAY_READ : Verdict.MEMBERS_ONLY;
                 })
                 .one()
                 .defaultIfEmpty(Verdict.UNKNOWN);
    }
}
