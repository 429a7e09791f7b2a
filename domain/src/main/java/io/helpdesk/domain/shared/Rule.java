package io.helpdesk.domain.shared;

/**
 * The rules a command can break, each named in the 409 answer's {@code rule} (the API description lists the ones
 * each operation can give).
 */
public enum Rule {
    ArchivedChannelIsFrozen,
    ClosedTicketIsFinal,
    ContactErased,
    ContactMerged,
    ContactNotMerged,
    CsatOnlyAfterResolution,
    CsatOnlyOnce,
    DirectChannelHasNoName,
    DirectChannelHasTwoMembers,
    DirectChannelMembershipIsFixed,
    DomainTaken,
    EscalationOnlyUpwards,
    FollowUpOnlyAfterWaiting,
    FollowUpOnlyWhenWaitingOnCustomer,
    HandoffLifeCycle,
    IdentityTaken,
    MembersOnly,
    MergeCycle,
    MessageMustExist,
    NoActiveDraft,
    OneActiveDraft,
    OneOpenHandoffPerTicket,
    OnlyTheAcceptorCompletes,
    OnlyTheTargetAnswers,
    OwnMessagesOnly,
    PrivateChannelByInvitation,
    ReopenOnlyResolved,
    RoutedOnlyWhileOpen,
    RoutedOnlyWhileUnassigned,
    RoutedOnlyWithinCapacity,
    ScheduledReplyMustBePending,
    SenderMustBeBlocked,
    StatusLifeCycle,
    TicketMerged,
    TicketNotMerged,
    TooManyIdentities,
    UnknownReplyMessage;
}
