package io.helpdesk.query.readmodels;

import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.handoff.RequesterKind;
import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.DraftEdited;
import io.helpdesk.domain.ticket.DraftKind;
import io.helpdesk.domain.ticket.DraftProposed;
import io.helpdesk.domain.ticket.DraftSent;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.domain.contact.ContactAbsorbed;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.ContactMerged;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.field.FieldChanged;
import io.helpdesk.domain.field.FieldDefined;
import io.helpdesk.domain.field.FieldEntity;
import io.helpdesk.domain.field.FieldOption;
import io.helpdesk.domain.field.FieldType;
import io.helpdesk.domain.organization.OrganizationCreated;
import io.helpdesk.domain.ticket.TicketFieldsSet;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketTagged;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A week of history with chosen timestamps, shared by the tests that check read-model figures and rebuilds.
 * SLA policy (helpdesk-defaults.yml): P0 24/7, first response 15 min; P1 first response 1 h and resolution
 * 8 h; P2 first response 4 h; office hours Monday to Friday 09:00-17:00 UTC. 2026-11-02 is a Monday.
 */
public final class SampleWeek {

    private SampleWeek() {
    }

    /** The contacts of customers A and B (B's merged into A's on Wednesday); C's and D's only known from tickets. */
    public static final String CONTACT_A = Contacts.idFor("a@example.com");
    public static final String CONTACT_B = Contacts.idFor("b@example.com");

    public static void write(EventStore eventStore) {
        History history = new History(eventStore);
        history.at("2026-11-01T08:00:00Z").organization("o1", new OrganizationCreated("o1", "Acme",
                                                                                      List.of("example.com"), "lee"));
        history.at("2026-11-02T08:59:00Z").contact(CONTACT_A, new ContactCreated(CONTACT_A, "Customer A", null,
                                                                                 List.of("a@example.com"), "o1",
                                                                                 "webhook:generic"));
        history.at("2026-11-02T16:29:00Z").contact(CONTACT_B, new ContactCreated(CONTACT_B, "Customer B", "de",
                                                                                 List.of("b@example.com"), null,
                                                                                 "webhook:generic"));
        // A: P1 e-mail, answered after 30 min by a bot draft an agent edited, resolved after 6 working hours.
        history.at("2026-11-02T09:00:00Z").ticket("A", opened("A", ContactChannel.EMAIL, 7, Priority.P1),
                                                  new TicketAssigned("A", "ana", "billing", null),
                                                  new TicketCategorized("A", "refunds", "ana"),
                                                  new TicketTagged("A", List.of("refund")));
        // D: P2 web, never answered.
        history.at("2026-11-02T09:00:00Z").ticket("D", opened("D", ContactChannel.WEB, 5, Priority.P2));
        history.at("2026-11-02T09:05:00Z").handoff("hD", new HandoffRequested("hD", "D", "cy", RequesterKind.AGENT,
                                                                              "ana", null, "shift ends", null,
                                                                              Instant.parse("2026-11-02T09:20:00Z")));
        history.at("2026-11-02T09:06:00Z").handoff("hD", new HandoffDeclined("hD", "D", "ana", "busy"));
        history.at("2026-11-02T09:10:00Z").ticket("A", new DraftProposed("A", "d1", "reply-bot", "Hello",
                                                                         "h1", DraftKind.BOT_REPLY),
                                                  new InternalNoteAdded("A", "n1", "ana", "@bo please check", List.of("bo")));
        history.at("2026-11-02T09:20:00Z").ticket("A", new DraftEdited("A", "d1", "ana", "Hello Ana", "h2"));
        history.at("2026-11-02T09:30:00Z").ticket("A", new DraftSent("A", "d1", "ana"),
                                                  new AgentReplied("A", "ana", "Hello Ana", true));
        history.at("2026-11-02T15:00:00Z").ticket("A", new TicketResolved("A", "refunded", "ana"));
        history.at("2026-11-02T15:05:00Z").ticket("A", new SatisfactionRated("A", 5, "great"));
        // B: P1 chat opened late Monday, pending overnight: 15 + 50 working minutes to the first reply.
        history.at("2026-11-02T16:30:00Z").ticket("B", opened("B", ContactChannel.CHAT, 8, Priority.P1));
        history.at("2026-11-02T16:31:00Z").handoff("hB", new HandoffRequested("hB", "B", "triage-bot",
                                                                              RequesterKind.BOT, null, "billing",
                                                                              "customer asks for a human", "refund",
                                                                              Instant.parse("2026-11-02T16:46:00Z")));
        history.at("2026-11-02T16:36:00Z").handoff("hB", new HandoffAccepted("hB", "B", "bo", "billing"))
               .ticket("B", new TicketAssigned("B", "bo", "billing", null));
        history.at("2026-11-02T16:45:00Z").ticket("B", new TicketMarkedPending("B", "order number?", "bo"));
        history.at("2026-11-03T10:00:00Z").ticket("B", new TicketReturnedToOpen("B", "customer replied", "customer"));
        history.at("2026-11-03T10:50:00Z").ticket("B", new AgentReplied("B", "bo", "Found it", true));
        history.at("2026-11-03T12:00:00Z").ticket("B", new TicketResolved("B", "refunded", "bo"));
        history.at("2026-11-03T12:10:00Z").ticket("B", new SatisfactionRated("B", 3, null));
        // C: P0 WhatsApp on a Saturday (24/7): first reply after 20 min, breach recorded at 15 min.
        history.at("2026-11-07T10:00:00Z").ticket("C", opened("C", ContactChannel.WHATSAPP, 10, Priority.P0));
        history.at("2026-11-07T10:15:00Z").ticket("C", new SlaBreached("C", SlaTarget.FIRST_RESPONSE,
                                                                       Instant.parse("2026-11-07T10:15:00Z"), Priority.P0));
        history.at("2026-11-07T10:20:00Z").ticket("C", new AgentReplied("C", "cy", "Looking", true));
        // B's contact turns out to be A's: merged on Wednesday, so B's ticket is Acme's too.
        history.at("2026-11-04T09:00:00Z").contact(CONTACT_B, new ContactMerged(CONTACT_B, CONTACT_A,
                                                                                List.of("b@example.com"), "ana"))
               .contact(CONTACT_A, new ContactAbsorbed(CONTACT_A, CONTACT_B, List.of("b@example.com"), "ana"));
        // A custom field, A's value for it, then its option renamed.
        history.at("2026-11-01T08:00:00Z").field("plan", new FieldDefined("plan", FieldEntity.TICKET, "Plan",
                FieldType.SELECT, List.of(new FieldOption("gold", "Gold"), new FieldOption("silver", "Silver")), "lee"));
        history.at("2026-11-02T09:01:00Z").ticket("A", new TicketFieldsSet("A", java.util.Map.of("plan", "gold"), "ana"));
        history.at("2026-11-05T09:00:00Z").field("plan", new FieldChanged("plan", "Plan", List.of(
                new FieldOption("gold", "Gold plan"), new FieldOption("silver", "Silver")), "lee"));
        // A private channel.
        history.at("2026-11-02T10:00:00Z").channel("ch", new ChannelCreated("ch", ChannelType.PRIVATE, "billing",
                                                                            null, "ana", List.of("ana", "bo")),
                                                   new MessagePosted("ch", "m1", "ana", "@bo refund policy?", null,
                                                                     "A", List.of("bo")),
                                                   new MessagePosted("ch", "m2", "ana", "see A", "m1", null, List.of()),
                                                   new MessagePosted("ch", "m3", "bo", "ok", null, null, List.of()));
    }

    static TicketOpened opened(String id, ContactChannel channel, int importance, Priority priority) {
        return new TicketOpened(id, id.toLowerCase() + "@example.com", "Customer " + id, channel, "Subject " + id,
                                "Body " + id, importance, priority);
    }
}
