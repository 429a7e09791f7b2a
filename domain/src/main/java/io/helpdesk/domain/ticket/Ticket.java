package io.helpdesk.domain.ticket;

import io.helpdesk.domain.field.FieldValues;
import io.helpdesk.domain.macro.Templates;
import io.helpdesk.domain.rule.RuleCondition;
import io.helpdesk.domain.rule.RuleTimer;
import io.helpdesk.domain.rule.TicketFacts;
import io.helpdesk.domain.rule.TimedState;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.BusinessCalendar;
import io.helpdesk.domain.sla.SlaClocks;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaSettings;
import io.helpdesk.domain.sla.SlaTarget;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's request, from the first message until it is closed. Command handlers decide and apply
 * events; event-sourcing handlers only evolve state. SLA deadlines are (re)scheduled after every change that
 * starts, stops or pauses a clock; a deadline that passes unmet records {@link SlaBreached}.
 */
public class Ticket {

    static final String SLA_DEADLINE = "ticket-sla";
    static final String AUTOMATION_DEADLINE = "ticket-automation";
    static final String SNOOZE_DEADLINE = "ticket-snooze";
    static final String SLA_RISK_DEADLINE = "ticket-sla-risk";
    static final String SCHEDULED_REPLY_DEADLINE = "ticket-scheduled-reply";
    /** How far ahead a snooze or a scheduled reply may reach. */
    static final Duration LONGEST_WAIT = Duration.ofDays(366);

    // A plain string: persistent deadlines serialize the identifier, and must read back what loads the aggregate.
    @AggregateIdentifier
    private String id;
    private String customerEmail;
    private String customerName;
    private ContactChannel channel;
    private Instant statusSince;
    private Instant unassignedSince;
    private final Set<String> firedRules = new HashSet<>();
    private final Set<String> elapsedTimers = new HashSet<>();
    private String contactId;
    /** The ticket this one was merged into, while it is. */
    private String mergedInto;
    /** The tickets merged into this one. */
    private final Set<String> mergedFrom = new HashSet<>();
    /**
     * The tickets whose messages were moved into this one, by a merge or a split, until they are erased here: an
     * unmerge takes back the merged ones only, so a split's may stay.
     */
    private final Set<String> movedFrom = new HashSet<>();
    /** The messages split off this ticket, by their events' ids. */
    private final Set<String> splitOff = new HashSet<>();
    private boolean erased;
    private final Map<String, Object> fields = new java.util.TreeMap<>();
    private final Set<String> risksNoticed = new HashSet<>();
    private String subject;
    private TicketStatus status;
    private Priority priority;
    private String assignee;
    private String team;
    private String category;
    private final Set<String> tags = new HashSet<>();
    private final Set<String> customerMessageIds = new HashSet<>();
    private boolean firstResponseGiven;
    private boolean resolvedOnce;
    private boolean rated;
    private int escalationLevel;
    private Instant pendingSince;
    private Draft draft;
    private final SlaClocks sla = new SlaClocks();
    @AggregateMember
    private final ReplyDeliveries deliveries = new ReplyDeliveries();
    @AggregateMember
    private final TicketSchedule schedule = new TicketSchedule();
    @AggregateMember
    private final TicketLinks links = new TicketLinks();

    protected Ticket() {
    }

    @CommandHandler
    public Ticket(OpenTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        apply(new TicketOpened(command.ticketId().value(), command.customerEmail(), command.customerName(),
                               command.channel(), command.subject(), command.body(), command.importance(),
                               Priority.fromImportance(command.importance()), command.externalMessageId(),
                               command.attachments(), command.contactId()))
                .andThen(() -> scheduleSla(policy, deadlines, Map.of()));
    }

    /** Answers whether the message was new: a repeat of a known external id changes nothing. */
    @CommandHandler
    public boolean handle(ReceiveCustomerMessage command, SlaPolicy policy, DeadlineManager deadlines) {
        if (customerMessageIds.contains(command.externalMessageId())) {
            return false;
        }
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            apply(new CustomerMessageReceived(id, command.externalMessageId(), command.body(), command.from(),
                                                command.attachments()));
            schedule.customerWrote();
            if (status == TicketStatus.RESOLVED) {
                apply(new TicketReopened(id, "customer replied", "customer"));
            } else if (status == TicketStatus.PENDING || status == TicketStatus.ON_HOLD) {
                apply(new TicketReturnedToOpen(id, "customer replied", "customer"));
            }
        });
        return true;
    }

    @CommandHandler
    public void handle(PostAgentReply command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            apply(new AgentReplied(id, command.agentId(), command.body(), !firstResponseGiven,
                                   command.attachments()));
        });
    }

    @CommandHandler
    public void handle(AddInternalNote command) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new InternalNoteAdded(id, UUID.randomUUID().toString(), command.author(), command.body(),
                                    Mentions.in(command.body()), command.attachments()));
    }

    @CommandHandler
    public void handle(AssignTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        if (Objects.equals(assignee, command.assignee()) && Objects.equals(team, command.team())) {
            return;
        }
        apply(new TicketAssigned(id, command.assignee(), command.team(), assignee));
    }

    @CommandHandler
    public void handle(RouteTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new TicketQueued(id, command.team(), command.skills(), command.actor()));
    }

    /** Routing's assignment: only of a ticket nobody has, that is waiting on staff. */
    @CommandHandler
    public void handle(AutoAssign command) {
        TicketRules.routedOnlyWhileUnassignedAndOpen(id, status, assignee);
        apply(new TicketAssigned(id, command.agent(), command.team(), null));
    }

    @CommandHandler
    public void handle(UnassignTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        if (assignee == null && team == null) {
            return;
        }
        apply(new TicketUnassigned(id, assignee, team, command.actor()));
    }

    @CommandHandler
    public void handle(ChangePriority command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            if (command.priority() == priority) {
                return;
            }
            apply(new TicketPriorityChanged(id, priority, command.priority(), command.reason(),
                                            command.actor()));
        });
    }

    @CommandHandler
    public void handle(SetCategory command) {
        TicketRules.closedTicketIsFinal(id, status);
        if (!command.category().equals(category)) {
            apply(new TicketCategorized(id, command.category(), command.actor()));
        }
    }

    @CommandHandler
    public void handle(AddTags command) {
        TicketRules.closedTicketIsFinal(id, status);
        List<String> added = command.tags().stream().filter(tag -> !tags.contains(tag)).toList();
        if (!added.isEmpty()) {
            apply(new TicketTagged(id, added));
        }
    }

    @CommandHandler
    public void handle(RemoveTags command) {
        TicketRules.closedTicketIsFinal(id, status);
        List<String> removed = command.tags().stream().filter(tags::contains).toList();
        if (!removed.isEmpty()) {
            apply(new TicketUntagged(id, removed));
        }
    }

    @CommandHandler
    public void handle(EscalateTicket command) {
        TicketRules.closedTicketIsFinal(id, status);
        TicketRules.escalationOnlyUpwards(id, escalationLevel, command.level());
        apply(new TicketEscalated(id, command.level(), command.reason(), command.targetTeam(),
                                  command.actor()));
    }

    @CommandHandler
    public void handle(MarkPending command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.statusMayChange(id, status, TicketStatus.PENDING);
            apply(new TicketMarkedPending(id, command.reason(), command.actor()));
        });
    }

    @CommandHandler
    public void handle(PutOnHold command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.statusMayChange(id, status, TicketStatus.ON_HOLD);
            apply(new TicketPutOnHold(id, command.reason(), command.actor()));
        });
    }

    @CommandHandler
    public void handle(ReturnToOpen command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.statusMayChange(id, status, TicketStatus.OPEN);
            apply(new TicketReturnedToOpen(id, command.reason(), command.actor()));
        });
    }

    @CommandHandler
    public void handle(ResolveTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.statusMayChange(id, status, TicketStatus.RESOLVED);
            apply(new TicketResolved(id, command.resolution(), command.actor()));
        });
    }

    @CommandHandler
    public void handle(ReopenTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.reopenOnlyResolved(id, status);
            apply(new TicketReopened(id, command.reason(), command.actor()));
        });
    }

    @CommandHandler
    public void handle(CloseTicket command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.statusMayChange(id, status, TicketStatus.CLOSED);
            schedule.closing(command.closedBy());
            apply(new TicketClosed(id, command.closedBy()));
        });
    }

    /** Spam: closed as such in one step, whatever its status (a closed ticket is final). */
    @CommandHandler
    public void handle(MarkSpam command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            apply(new TicketMarkedSpam(id, customerEmail, command.actor()));
            schedule.closing(command.actor());
            apply(new TicketClosed(id, command.actor()));
        });
    }

    /** A macro's actions in one step: all of their events, or none (see {@link MacroSteps}). */
    @CommandHandler
    public void handle(ApplyMacro command, SlaPolicy policy, DeadlineManager deadlines) {
        TicketRules.closedTicketIsFinal(id, status);
        Map<String, String> values = Templates.values(customerName, customerEmail, id, subject,
                                                      priority == null ? null : priority.name(), command.agent(),
                                                      null);
        MacroSteps.apply(this, command.ticketId(), command.actions(), command.agent(),
                         "macro " + command.macroId() + " v" + command.macroVersion(), values, status, policy,
                         deadlines);
    }

    /**
     * A rule, for one triggering event: at most once per rule and event (a redelivered trigger changes nothing),
     * never on a closed ticket, and only when its conditions hold; then {@link RuleFired} and its actions in one
     * step. A refused action refuses the whole rule, as for a macro.
     */
    @CommandHandler
    public void handle(ApplyRule command, SlaPolicy policy, DeadlineManager deadlines) {
        String key = command.ruleId() + "@" + command.triggerEventId();
        if (status == TicketStatus.CLOSED || firedRules.contains(key)) {
            return;
        }
        TicketFacts facts = new TicketFacts(channel == null ? null : channel.name(), priority.name(), status.name(),
                                            assignee, team, category, tags, customerEmail, command.text(),
                                            policy.calendarFor(priority).isBusinessTime(command.at()), fields);
        if (!RuleCondition.all(command.conditions(), facts)) {
            return;
        }
        String actor = "rule:" + command.ruleName();
        apply(new RuleFired(id, command.ruleId(), command.ruleVersion(), command.ruleName(),
                            command.triggerEventId()));
        Map<String, String> values = Templates.values(customerName, customerEmail, id, subject, priority.name(),
                                                      command.ruleName(), command.ruleName());
        MacroSteps.apply(this, command.ticketId(), command.actions(), actor,
                         "rule " + command.ruleName() + " v" + command.ruleVersion(), values, status, policy,
                         deadlines);
    }

    /**
     * Starts a time-based rule's timer from the moment the ticket entered the timer's state. Like the SLA's, a
     * timer is never cancelled: when it fires, a ticket that has left the state since (even if back in it now)
     * records nothing.
     */
    @CommandHandler
    public void handle(ScheduleAutomation command, SlaPolicy policy, DeadlineManager deadlines) {
        RuleTimer timer = command.timer();
        Instant since = since(timer.state());
        if (since == null) {
            return;
        }
        Instant due = timer.businessHours() ? policy.calendarFor(priority).addBusinessTime(since, timer.after())
                                            : since.plus(timer.after());
        deadlines.schedule(due, AUTOMATION_DEADLINE,
                           new AutomationDue(id, command.ruleId(), timer.state(), since, due));
    }

    @DeadlineHandler(deadlineName = AUTOMATION_DEADLINE)
    public void on(AutomationDue due) {
        String key = due.ruleId() + "@" + due.state() + "@" + due.since();
        if (due.since().equals(since(due.state())) && !elapsedTimers.contains(key)) {
            apply(new AutomationTimerElapsed(id, due.ruleId(), due.state(), due.since(), due.dueAt()));
        }
    }

    /** For a rule waiting for SLA_AT_RISK: a deadline at the at-risk moment of each running clock. */
    @CommandHandler
    public void handle(WatchSlaRisk command, SlaPolicy policy, SlaSettings settings, DeadlineManager deadlines) {
        for (SlaTarget target : SlaTarget.values()) {
            Duration allowed = policy.targetsFor(priority).of(target);
            BusinessCalendar calendar = policy.calendarFor(priority);
            sla.dueAt(target, allowed, calendar).ifPresent(due -> sla.atRiskAt(
                    target, allowed, settings.atRiskShare(), calendar).ifPresent(at -> deadlines.schedule(
                    at, SLA_RISK_DEADLINE, new SlaRiskDue(id, command.ruleId(), target, due))));
        }
    }

    /** Recorded once per rule, clock and due time, and only while the clock still runs towards that due time. */
    @DeadlineHandler(deadlineName = SLA_RISK_DEADLINE)
    public void on(SlaRiskDue risk, SlaPolicy policy) {
        String key = risk.ruleId() + "@" + risk.target() + "@" + risk.dueAt();
        boolean stillDue = sla.dueAt(risk.target(), policy.targetsFor(priority).of(risk.target()),
                                     policy.calendarFor(priority))
                              .filter(due -> due.equals(risk.dueAt())).isPresent();
        if (stillDue && !risksNoticed.contains(key)) {
            apply(new SlaAtRisk(id, risk.ruleId(), risk.target(), risk.dueAt(), priority));
        }
    }

    /** When the ticket entered {@code state}, or null when it is not in it. */
    private Instant since(TimedState state) {
        if (state == TimedState.UNASSIGNED) {
            return assignee == null && status != TicketStatus.CLOSED ? unassignedSince : null;
        }
        return status.name().equals(state.name()) ? statusSince : null;
    }

    /**
     * An internal note that notifies users (mentioned by handle) and every member of a team (recipient
     * {@code team:<name>}, as a handoff to a team does).
     */
    void notify(String author, List<String> users, String team, String text) {
        TicketRules.closedTicketIsFinal(id, status);
        String body = (users.stream().map(user -> "@" + user + " ").collect(java.util.stream.Collectors.joining())
                + (team == null ? "" : "(team " + team + ") ") + text);
        List<String> recipients = new java.util.ArrayList<>(Mentions.in(body));
        if (team != null) {
            recipients.add("team:" + team);
        }
        apply(new InternalNoteAdded(id, UUID.randomUUID().toString(), author, body, List.copyOf(recipients),
                                    List.of()));
    }

    void raiseAlert(String text, String actor) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new TicketAlertRaised(id, text, actor));
    }

    @CommandHandler
    public void handle(SnoozeTicket command, DeadlineManager deadlines) {
        TicketRules.closedTicketIsFinal(id, status);
        if (command.until() != null) {
            TicketRules.withinAYear("until", command.until(), now(), LONGEST_WAIT);
        }
        apply(new TicketSnoozed(id, command.until(), command.actor()));
        if (command.until() != null) {
            deadlines.schedule(command.until(), SNOOZE_DEADLINE, new SnoozeEnds(id, command.until()));
        }
    }

    @DeadlineHandler(deadlineName = SNOOZE_DEADLINE)
    public void on(SnoozeEnds due) {
        schedule.snoozeEnds(due.until());
    }

    @CommandHandler
    public void handle(ScheduleReply command, DeadlineManager deadlines) {
        TicketRules.closedTicketIsFinal(id, status);
        TicketRules.withinAYear("at", command.at(), now(), LONGEST_WAIT);
        apply(new ReplyScheduled(id, command.scheduleId(), command.agentId(), command.body(), command.at(),
                                 command.attachments()));
        deadlines.schedule(command.at(), SCHEDULED_REPLY_DEADLINE, new ScheduledReplyDue(id, command.scheduleId()));
    }

    /** A scheduled reply still pending when its time comes is sent as the agent's reply. */
    @DeadlineHandler(deadlineName = SCHEDULED_REPLY_DEADLINE)
    public void on(ScheduledReplyDue due, SlaPolicy policy, DeadlineManager deadlines) {
        ReplyScheduled reply = schedule.pending(due.scheduleId());
        if (reply == null || status == TicketStatus.CLOSED) {
            return;
        }
        changingSla(policy, deadlines, () -> {
            apply(new ScheduledReplySent(id, reply.scheduleId()));
            apply(new AgentReplied(id, reply.agentId(), reply.body(), !firstResponseGiven, reply.attachments()));
        });
    }

    @CommandHandler
    public void handle(RateSatisfaction command) {
        TicketRules.csatOnlyAfterResolution(id, status, resolvedOnce);
        TicketRules.csatOnlyOnce(id, rated);
        apply(new SatisfactionRated(id, command.score(), command.comment()));
    }

    @CommandHandler
    public void handle(ProposeDraft command) {
        TicketRules.closedTicketIsFinal(id, status);
        if (draft != null && draft.editedByHuman()) {
            apply(new InternalNoteAdded(id, UUID.randomUUID().toString(), command.bot(),
                                        "Suggested reply (the current draft was edited by an agent and is kept):\n"
                                                + command.body(), List.of()));
            return;
        }
        apply(new DraftProposed(id, UUID.randomUUID().toString(), command.bot(), command.body(),
                                ContentHash.of(command.body()), DraftKind.BOT_REPLY));
    }

    @CommandHandler
    public void handle(EditDraft command) {
        TicketRules.closedTicketIsFinal(id, status);
        TicketRules.draftMustBeActive(id, draft);
        String hash = ContentHash.of(command.body());
        if (!hash.equals(draft.contentHash())) {
            apply(new DraftEdited(id, draft.draftId(), command.editor(), command.body(), hash));
        }
    }

    @CommandHandler
    public void handle(SendDraft command, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            TicketRules.draftMustBeActive(id, draft);
            String body = draft.body();
            apply(new DraftSent(id, draft.draftId(), command.agentId()));
            apply(new AgentReplied(id, command.agentId(), body, !firstResponseGiven));
        });
    }

    @CommandHandler
    public void handle(DiscardDraft command) {
        TicketRules.closedTicketIsFinal(id, status);
        TicketRules.draftMustBeActive(id, draft);
        apply(new DraftDiscarded(id, draft.draftId(), command.actor()));
    }

    @CommandHandler
    public void handle(ProposeFollowUp command) {
        TicketRules.followUpOnlyAfterWaiting(id, status, pendingSince, command.minimumWait(), now());
        TicketRules.oneActiveDraft(id, draft);
        apply(new DraftProposed(id, UUID.randomUUID().toString(), command.actor(), command.body(),
                                ContentHash.of(command.body()), DraftKind.FOLLOW_UP));
    }

    @DeadlineHandler(deadlineName = SLA_DEADLINE)
    public void on(SlaDeadlinePassed deadline, SlaPolicy policy) {
        SlaTarget target = deadline.target();
        sla.dueAt(target, policy.targetsFor(priority).of(target), policy.calendarFor(priority))
           .filter(due -> !due.isAfter(deadline.dueAt()))
           .ifPresent(due -> apply(new SlaBreached(id, target, due, priority)));
    }

    /** Runs a change of this ticket, then schedules deadlines for the clocks whose due time it moved. */
    private void changingSla(SlaPolicy policy, DeadlineManager deadlines, Runnable change) {
        Map<SlaTarget, Instant> before = dues(policy);
        change.run();
        scheduleSla(policy, deadlines, before);
    }

    /**
     * Schedules a deadline per running clock whose due time the command changed. Earlier deadlines are left in
     * place rather than cancelled: the
     * persistent deadline manager can only cancel by name and scope by reading every scheduled deadline, which
     * made each command slower the more tickets were open. A stale deadline that fires finds its clock
     * stopped, paused, breached or due later, and does nothing.
     */
    private void scheduleSla(SlaPolicy policy, DeadlineManager deadlines, Map<SlaTarget, Instant> before) {
        dues(policy).forEach((target, due) -> {
            // A deadline already waits for this due time: a second would only fire for nothing.
            if (!due.equals(before.get(target))) {
                deadlines.schedule(due, SLA_DEADLINE, new SlaDeadlinePassed(id, target, due));
            }
        });
    }

    /** The due time of every running clock, as the policy counts it. */
    private Map<SlaTarget, Instant> dues(SlaPolicy policy) {
        Map<SlaTarget, Instant> dues = new EnumMap<>(SlaTarget.class);
        for (SlaTarget target : SlaTarget.values()) {
            sla.dueAt(target, policy.targetsFor(priority).of(target), policy.calendarFor(priority))
               .ifPresent(due -> dues.put(target, due));
        }
        return dues;
    }

    /** Merged into {@code into}: closed with the merge, in one step (see {@link TicketMerges}). */
    void mergeInto(String into, String by, SlaPolicy policy, DeadlineManager deadlines) {
        changingSla(policy, deadlines, () -> {
            TicketRules.closedTicketIsFinal(id, status);
            apply(new TicketMerged(id, into, customerEmail, channel, by));
            schedule.closing(by);
            apply(new TicketClosed(id, by));
        });
    }

    /** Takes on the messages of {@code from}, merged into this ticket or split off it into this new one. */
    void receive(String from, String reason, List<MovedMessage> messages, String by) {
        TicketRules.closedTicketIsFinal(id, status);
        if (mergedInto != null) {
            throw new RuleViolation(Rule.TicketMerged, "ticket " + id + " was merged into " + mergedInto);
        }
        apply(new MessagesMoved(id, from, reason, messages, by));
    }

    /** Undoes this ticket's merge: it stands alone again, open. Answers the ticket it was merged into. */
    String unmerge(String by, SlaPolicy policy, DeadlineManager deadlines) {
        if (mergedInto == null) {
            throw new RuleViolation(Rule.TicketNotMerged, "ticket " + id + " is not merged into another ticket");
        }
        String into = mergedInto;
        changingSla(policy, deadlines, () -> {
            apply(new TicketUnmerged(id, into, by));
            apply(new TicketReopened(id, "unmerged from " + into, by));
        });
        return into;
    }

    /** The other side of {@link #unmerge}: the messages of {@code from} leave this ticket (closed or not). */
    void release(String from, String by) {
        if (mergedFrom.contains(from)) {
            apply(new MergedMessagesRemoved(id, from, by));
        }
    }

    /**
     * Moves these of the ticket's own messages into the new ticket {@code to}; answers the new ticket's opening
     * command. Every id must name one of this ticket's messages not split off before.
     */
    OpenTicket splitOff(String to, List<MovedMessage> moving, String subject, String by) {
        TicketRules.closedTicketIsFinal(id, status);
        apply(new MessagesSplitOff(id, to, moving.stream().map(MovedMessage::eventId).toList(), by));
        return new OpenTicket(new TicketId(to), customerEmail, customerName, channel,
                              subject == null ? this.subject : subject, "Split from ticket " + id, null, null, null,
                              contactId);
    }

    /** Custom fields' values; only those that change are recorded. */
    @CommandHandler
    public void handle(SetTicketFields command) {
        TicketRules.closedTicketIsFinal(id, status);
        Map<String, Object> changed = FieldValues.changed(fields, command.values());
        if (!changed.isEmpty()) {
            apply(new TicketFieldsSet(id, changed, command.by()));
        }
    }

    /** Erased with its contact: closed too, when it was not. Erasing twice changes nothing. */
    void erase(String by, SlaPolicy policy, DeadlineManager deadlines) {
        if (erased) {
            return;
        }
        changingSla(policy, deadlines, () -> {
            apply(new TicketErased(id, by));
            if (status != TicketStatus.CLOSED) {
                schedule.closing(by);
                apply(new TicketClosed(id, by));
            }
        });
    }

    void movedErased(String from, String by) {
        if (mergedFrom.contains(from) || movedFrom.contains(from)) {
            apply(new MovedMessagesErased(id, from, by));
        }
    }

    /** Whether the message is this ticket's own and still shows here. */
    boolean holds(String eventId) {
        return !splitOff.contains(eventId);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(TicketOpened event, @Timestamp Instant at) {
        id = event.ticketId();
        contactId = event.contactId();
        customerEmail = event.customerEmail();
        customerName = event.customerName();
        subject = event.subject();
        if (event.externalMessageId() != null) {
            customerMessageIds.add(event.externalMessageId());
        }
        channel = event.channel();
        status = TicketStatus.OPEN;
        statusSince = at;
        unassignedSince = at;
        priority = event.priority();
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(CustomerMessageReceived event, @Timestamp Instant at) {
        customerMessageIds.add(event.externalMessageId());
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(AgentReplied event, @Timestamp Instant at) {
        firstResponseGiven = true;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketAssigned event, @Timestamp Instant at) {
        if (event.assignee() == null && assignee != null) {
            unassignedSince = at;
        }
        assignee = event.assignee();
        team = event.team();
    }

    @EventSourcingHandler
    void on(TicketUnassigned event, @Timestamp Instant at) {
        if (assignee != null) {
            unassignedSince = at;
        }
        assignee = null;
        team = null;
    }

    @EventSourcingHandler
    void on(RuleFired event) {
        firedRules.add(event.ruleId() + "@" + event.triggerEventId());
    }

    @EventSourcingHandler
    void on(SlaAtRisk event) {
        risksNoticed.add(event.ruleId() + "@" + event.target() + "@" + event.dueAt());
    }

    @EventSourcingHandler
    void on(AutomationTimerElapsed event) {
        elapsedTimers.add(event.ruleId() + "@" + event.state() + "@" + event.since());
    }

    @EventSourcingHandler
    void on(TicketPriorityChanged event) {
        priority = event.to();
    }

    @EventSourcingHandler
    void on(TicketCategorized event) {
        category = event.category();
    }

    @EventSourcingHandler
    void on(TicketTagged event) {
        tags.addAll(event.tags());
    }

    @EventSourcingHandler
    void on(TicketUntagged event) {
        event.tags().forEach(tags::remove);
    }

    @EventSourcingHandler
    void on(TicketEscalated event) {
        escalationLevel = event.level();
    }

    @EventSourcingHandler
    void on(TicketMarkedPending event, @Timestamp Instant at) {
        status = TicketStatus.PENDING;
        statusSince = at;
        pendingSince = at;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketPutOnHold event, @Timestamp Instant at) {
        status = TicketStatus.ON_HOLD;
        statusSince = at;
        pendingSince = null;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketReturnedToOpen event, @Timestamp Instant at) {
        status = TicketStatus.OPEN;
        statusSince = at;
        pendingSince = null;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketResolved event, @Timestamp Instant at) {
        status = TicketStatus.RESOLVED;
        statusSince = at;
        resolvedOnce = true;
        pendingSince = null;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketReopened event, @Timestamp Instant at) {
        status = TicketStatus.OPEN;
        statusSince = at;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketClosed event, @Timestamp Instant at) {
        status = TicketStatus.CLOSED;
        statusSince = at;
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(SatisfactionRated event) {
        rated = true;
    }

    @EventSourcingHandler
    void on(DraftProposed event) {
        draft = new Draft(event.draftId(), event.body(), event.contentHash(), event.contentHash(), event.kind());
    }

    @EventSourcingHandler
    void on(DraftEdited event) {
        draft = new Draft(draft.draftId(), event.body(), event.contentHash(), draft.botHash(), draft.kind());
    }

    @EventSourcingHandler
    void on(DraftSent event) {
        draft = null;
    }

    @EventSourcingHandler
    void on(DraftDiscarded event) {
        draft = null;
    }

    @EventSourcingHandler
    void on(SlaBreached event, @Timestamp Instant at) {
        sla.apply(event, at);
    }

    @EventSourcingHandler
    void on(TicketMerged event) {
        mergedInto = event.into();
    }

    @EventSourcingHandler
    void on(TicketUnmerged event) {
        mergedInto = null;
    }

    @EventSourcingHandler
    void on(MessagesMoved event) {
        movedFrom.add(event.from());
        if (MessagesMoved.MERGE.equals(event.reason())) {
            mergedFrom.add(event.from());
        }
    }

    @EventSourcingHandler
    void on(MergedMessagesRemoved event) {
        mergedFrom.remove(event.from());
    }

    @EventSourcingHandler
    void on(MessagesSplitOff event) {
        splitOff.addAll(event.eventIds());
    }

    @EventSourcingHandler
    void on(TicketErased event) {
        erased = true;
        customerEmail = PersonalPlaceholder.ERASED;
        customerName = null;
        subject = PersonalPlaceholder.ERASED;
    }

    @EventSourcingHandler
    void on(MovedMessagesErased event) {
        mergedFrom.remove(event.from());
        movedFrom.remove(event.from());
    }

    @EventSourcingHandler
    void on(TicketFieldsSet event) {
        FieldValues.apply(fields, event.values());
    }
}
