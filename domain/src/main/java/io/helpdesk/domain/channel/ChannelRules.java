package io.helpdesk.domain.channel;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;

import java.util.Set;

final class ChannelRules {

    private ChannelRules() {
    }

    static void directHasExactlyTwo(ChannelType type, Set<String> members) {
        if (type == ChannelType.DIRECT && members.size() != 2) {
            throw new RuleViolation(Rule.DirectChannelHasTwoMembers,
                                    "a direct channel has exactly two members, not " + members.size());
        }
    }

    static void notArchived(String id, boolean archived) {
        if (archived) {
            throw new RuleViolation(Rule.ArchivedChannelIsFrozen, "channel " + id + " is archived");
        }
    }

    static void membershipIsFixed(String id, ChannelType type) {
        if (type == ChannelType.DIRECT) {
            throw new RuleViolation(Rule.DirectChannelMembershipIsFixed,
                                    "channel " + id + " is a direct channel; its two members never change");
        }
    }

    static void privateByInvitation(String id, ChannelType type) {
        if (type == ChannelType.PRIVATE) {
            throw new RuleViolation(Rule.PrivateChannelByInvitation,
                                    "channel " + id + " is private; a member must add you");
        }
    }

    static void membersOnly(String id, ChannelType type, Set<String> members, String actor) {
        if (type != ChannelType.PUBLIC && !members.contains(actor)) {
            throw new RuleViolation(Rule.MembersOnly, actor + " is not a member of channel " + id);
        }
    }

    static void mustBeMember(String id, Set<String> members, String actor) {
        if (!members.contains(actor)) {
            throw new RuleViolation(Rule.MembersOnly, actor + " is not a member of channel " + id);
        }
    }

    static void ownMessagesOnly(String messageId, String author, String actor) {
        if (!author.equals(actor)) {
            throw new RuleViolation(Rule.OwnMessagesOnly, "message " + messageId + " was written by " + author);
        }
    }

    static void messageExists(String id, String messageId, ChannelMessage message) {
        if (message == null || message.deleted()) {
            throw new RuleViolation(Rule.MessageMustExist, "channel " + id + " has no message " + messageId);
        }
    }

    static void directChannelsHaveNoName(String id, ChannelType type) {
        if (type == ChannelType.DIRECT) {
            throw new RuleViolation(Rule.DirectChannelHasNoName, "channel " + id + " is a direct channel");
        }
    }
}
