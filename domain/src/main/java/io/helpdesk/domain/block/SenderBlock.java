package io.helpdesk.domain.block;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sender's block, identified by its pattern: blocked and unblocked over time, with the messages that arrived
 * while it held. Each message is recorded once (a provider delivering it again changes nothing).
 */
public class SenderBlock {

    @AggregateIdentifier
    private String pattern;
    private boolean blocked;
    private final Set<String> messages = new HashSet<>();

    protected SenderBlock() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BlockSender command) {
        if (!blocked) {
            apply(new SenderBlocked(command.pattern(), command.reason(), command.by()));
        }
    }

    @CommandHandler
    public void handle(UnblockSender command) {
        if (blocked) {
            apply(new SenderUnblocked(pattern, command.by()));
        }
    }

    /** Answers whether the message was new. */
    @CommandHandler
    public boolean handle(RecordBlockedMessage command) {
        if (!blocked) {
            throw new RuleViolation(Rule.SenderMustBeBlocked, command.pattern() + " is not blocked");
        }
        if (messages.contains(command.messageId())) {
            return false;
        }
        apply(new InboundMessageBlocked(pattern, command.messageId(), command.sender(), command.channel(),
                                        command.subject(), command.excerpt(), Senders.subjectOf(command.sender())));
        return true;
    }

    @EventSourcingHandler
    void on(SenderBlocked event) {
        pattern = event.pattern();
        blocked = true;
    }

    @EventSourcingHandler
    void on(SenderUnblocked event) {
        blocked = false;
    }

    @EventSourcingHandler
    void on(InboundMessageBlocked event) {
        messages.add(event.messageId());
    }
}
