package io.helpdesk.domain.channel;

import io.helpdesk.domain.ticket.Mentions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An internal staff channel. Channels live long and collect many messages, so the aggregate is snapshotted
 * (see command-app's Axon configuration) and remembers of each message only its author and whether it is
 * deleted.
 */
public class Channel {

    // A plain string: persistent deadlines serialize the identifier, and must read back what loads the aggregate.
    @AggregateIdentifier
    private String id;
    private ChannelType type;
    private String name;
    private boolean archived;
    private Set<String> members = new LinkedHashSet<>();
    private Map<String, ChannelMessage> messages = new HashMap<>();

    protected Channel() {
    }

    @CommandHandler
    public Channel(CreateChannel command) {
        Set<String> initial = new LinkedHashSet<>();
        initial.add(command.actor());
        initial.addAll(command.members());
        ChannelRules.directHasExactlyTwo(command.type(), initial);
        apply(new ChannelCreated(command.channelId().value(), command.type(), command.name(), command.topic(),
                                 command.actor(), java.util.List.copyOf(initial)));
    }

    @CommandHandler
    public void handle(JoinChannel command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membershipIsFixed(id, type);
        ChannelRules.privateByInvitation(id, type);
        if (!members.contains(command.actor())) {
            apply(new MemberJoined(id, command.actor()));
        }
    }

    @CommandHandler
    public void handle(LeaveChannel command) {
        ChannelRules.membershipIsFixed(id, type);
        if (members.contains(command.actor())) {
            apply(new MemberLeft(id, command.actor()));
        }
    }

    @CommandHandler
    public void handle(AddMember command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membershipIsFixed(id, type);
        ChannelRules.mustBeMember(id, members, command.actor());
        if (!members.contains(command.member())) {
            apply(new MemberAdded(id, command.member(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(RemoveMember command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membershipIsFixed(id, type);
        ChannelRules.mustBeMember(id, members, command.actor());
        if (members.contains(command.member())) {
            apply(new MemberRemoved(id, command.member(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(PostMessage command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membersOnly(id, type, members, command.actor());
        if (messages.containsKey(command.messageId())) {
            return;
        }
        if (command.threadRootId() != null) {
            ChannelRules.messageExists(id, command.threadRootId(), messages.get(command.threadRootId()));
        }
        apply(new MessagePosted(id, command.messageId(), command.actor(), command.body(),
                                command.threadRootId(), command.ticketId(), Mentions.in(command.body())));
    }

    @CommandHandler
    public void handle(EditMessage command) {
        ChannelRules.notArchived(id, archived);
        ChannelMessage message = messages.get(command.messageId());
        ChannelRules.messageExists(id, command.messageId(), message);
        ChannelRules.ownMessagesOnly(command.messageId(), message.author(), command.actor());
        apply(new MessageEdited(id, command.messageId(), command.actor(), command.body(),
                                Mentions.in(command.body())));
    }

    @CommandHandler
    public void handle(DeleteMessage command) {
        ChannelRules.notArchived(id, archived);
        ChannelMessage message = messages.get(command.messageId());
        ChannelRules.messageExists(id, command.messageId(), message);
        ChannelRules.ownMessagesOnly(command.messageId(), message.author(), command.actor());
        apply(new MessageDeleted(id, command.messageId(), command.actor()));
    }

    @CommandHandler
    public void handle(RenameChannel command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.directChannelsHaveNoName(id, type);
        ChannelRules.membersOnly(id, type, members, command.actor());
        if (!command.name().equals(name)) {
            apply(new ChannelRenamed(id, command.name(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(SetChannelTopic command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membersOnly(id, type, members, command.actor());
        apply(new ChannelTopicSet(id, command.topic(), command.actor()));
    }

    @CommandHandler
    public void handle(ArchiveChannel command) {
        ChannelRules.notArchived(id, archived);
        ChannelRules.membersOnly(id, type, members, command.actor());
        apply(new ChannelArchived(id, command.actor()));
    }

    @EventSourcingHandler
    void on(ChannelCreated event) {
        id = event.channelId();
        type = event.type();
        name = event.name();
        members.addAll(event.members());
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.add(event.member());
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        members.remove(event.member());
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        members.add(event.member());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.member());
    }

    @EventSourcingHandler
    void on(MessagePosted event) {
        messages.put(event.messageId(), new ChannelMessage(event.author(), false));
    }

    @EventSourcingHandler
    void on(MessageDeleted event) {
        messages.put(event.messageId(), new ChannelMessage(event.author(), true));
    }

    @EventSourcingHandler
    void on(ChannelRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ChannelArchived event) {
        archived = true;
    }
}
