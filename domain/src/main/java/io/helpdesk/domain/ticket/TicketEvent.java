package io.helpdesk.domain.ticket;

/** Every event of a ticket's life. Events carry plain values only, so they read the same forever. */
public sealed interface TicketEvent permits
        TicketOpened,
        TicketAssigned,
        AgentReplied,
        TicketClosed,
        CustomerMessageReceived,
        InternalNoteAdded,
        TicketUnassigned,
        TicketPriorityChanged,
        TicketCategorized,
        TicketTagged,
        TicketUntagged,
        TicketEscalated,
        TicketMarkedPending,
        TicketPutOnHold,
        TicketReturnedToOpen,
        TicketResolved,
        TicketReopened,
        SatisfactionRated,
        DraftProposed,
        DraftEdited,
        DraftSent,
        DraftDiscarded,
        SlaBreached,
        ReplyDispatched,
        ReplyDelivered,
        ReplyDeliveryFailed,
        RuleFired,
        AutomationTimerElapsed,
        TicketAlertRaised,
        TicketSnoozed,
        TicketUnsnoozed,
        ReplyScheduled,
        ScheduledReplySent,
        ScheduledReplyCancelled,
        TicketQueued,
        SlaAtRisk,
        TicketMarkedSpam {

    String ticketId();
}
