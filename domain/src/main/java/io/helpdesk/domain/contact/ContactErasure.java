package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.ticket.Ticket;
import io.helpdesk.domain.ticket.TicketErasure;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erasing a contact, in one unit of work: the contact and every contact merged into it ({@link ContactErased}),
 * each of their tickets ({@code TicketErased}, closing it), and every ticket that holds messages merged from
 * those ({@code MovedMessagesErased}). command-app deletes their keys in the same transaction.
 */
public class ContactErasure {

    private final Repository<Contact> contacts;
    private final Repository<Ticket> tickets;
    private final ContactTickets lookup;

    public ContactErasure(Repository<Contact> contacts, Repository<Ticket> tickets, ContactTickets lookup) {
        this.contacts = contacts;
        this.tickets = tickets;
        this.lookup = lookup;
    }

    /** Answers the tickets erased. */
    @CommandHandler
    public List<String> handle(EraseContact command, SlaPolicy policy, DeadlineManager deadlines) {
        Aggregate<Contact> root = contacts.load(command.contactId());
        String mergedInto = root.invoke(Contact::mergedInto);
        if (mergedInto != null) {
            throw new RuleViolation(Rule.ContactMerged, command.contactId() + " was merged into " + mergedInto
                    + ": erase that contact (with the ones merged into it), or unmerge first");
        }
        Set<String> family = new LinkedHashSet<>();
        Deque<Aggregate<Contact>> open = new ArrayDeque<>(List.of(root));
        List<Aggregate<Contact>> loaded = new ArrayList<>();
        while (!open.isEmpty()) {
            Aggregate<Contact> contact = open.pop();
            if (family.add(contact.identifierAsString())) {
                loaded.add(contact);
                for (String absorbed : contact.invoke(Contact::absorbedContacts)) {
                    open.push(contacts.load(absorbed));
                }
            }
        }
        java.util.Map<String, List<String>> ticketsOf = new java.util.LinkedHashMap<>();
        family.forEach(contactId -> ticketsOf.put(contactId, lookup.ticketsOf(contactId)));
        List<String> erased = ticketsOf.values().stream().flatMap(List::stream).distinct().toList();
        for (String ticketId : erased) {
            tickets.load(ticketId).execute(ticket -> TicketErasure.erase(ticket, command.by(), policy, deadlines));
            // Also a holder erased here: its own erasure leaves the messages it holds from other tickets alone.
            for (String holder : lookup.holdersOf(ticketId)) {
                tickets.load(holder).execute(ticket -> TicketErasure.movedErased(ticket, ticketId, command.by()));
            }
        }
        for (Aggregate<Contact> contact : loaded) {
            List<String> own = ticketsOf.get(contact.identifierAsString());
            contact.execute(c -> c.erase(own, command.reason(), command.by()));
        }
        return erased;
    }
}
