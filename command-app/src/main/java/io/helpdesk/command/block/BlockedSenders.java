package io.helpdesk.command.block;

import io.helpdesk.domain.block.InboundMessageBlocked;
import io.helpdesk.domain.block.SenderBlocked;
import io.helpdesk.domain.block.SenderUnblocked;
import io.helpdesk.domain.block.Senders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Which senders are blocked ({@code command.blocked_sender}), kept in the transaction of the blocks' events. */
@Component
@ProcessingGroup(BlockedSenders.GROUP)
public class BlockedSenders {

    public static final String GROUP = "block-lookup";

    private final JdbcTemplate jdbc;

    public BlockedSenders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SenderBlocked event, @Timestamp Instant at) {
        jdbc.update("""
                            INSERT INTO command.blocked_sender (pattern, reason, blocked_by, blocked_at)
                            VALUES (?, ?, ?, ?) ON CONFLICT (pattern) DO UPDATE
                            SET reason = EXCLUDED.reason, blocked_by = EXCLUDED.blocked_by,
                                blocked_at = EXCLUDED.blocked_at""",
                    event.pattern(), event.reason(), event.by(), at.atOffset(ZoneOffset.UTC));
    }

    @EventHandler
    void on(SenderUnblocked event) {
        jdbc.update("DELETE FROM command.blocked_sender WHERE pattern = ?", event.pattern());
    }

    @EventHandler
    void on(InboundMessageBlocked event, @Timestamp Instant at) {
        jdbc.update("""
                            UPDATE command.blocked_sender SET messages = messages + 1, last_message_at = ?
                            WHERE pattern = ?""",
                    at.atOffset(ZoneOffset.UTC), event.pattern());
    }

    /** The block that holds for this sender: their own identity's, else their e-mail domain's. */
    public Optional<String> blocking(String sender) {
        String identity = sender == null ? "" : sender.strip().toLowerCase(java.util.Locale.ROOT);
        String domain = Senders.domainOf(sender);
        List<String> found = jdbc.queryForList("""
                                                       SELECT pattern FROM command.blocked_sender
                                                       WHERE pattern = ? OR pattern = ?
                                                       ORDER BY pattern LIKE '@%'""",
                                               String.class, identity, domain == null ? identity : domain);
        return found.stream().findFirst();
    }
}
