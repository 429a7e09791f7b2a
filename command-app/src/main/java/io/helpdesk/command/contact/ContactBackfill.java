package io.helpdesk.command.contact;

import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.contact.CreateContact;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.TicketOpened;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Tickets recorded before contacts existed name the contact made for their customer's address (the upcaster of
 * {@link TicketOpened}); this makes those contacts, once per database, in the background after start-up: one
 * {@link CreateContact} per address not yet owned, with the id the tickets already name. Safe to run twice and on
 * two instances at once (a contact made already changes nothing).
 */
@Component
public class ContactBackfill {

    private static final Logger log = LoggerFactory.getLogger(ContactBackfill.class);

    private final EventStorageEngine events;
    private final CommandGateway gateway;
    private final ContactLookups lookups;
    private final JdbcTemplate jdbc;

    public ContactBackfill(EventStorageEngine events, CommandGateway gateway, ContactLookups lookups,
                           JdbcTemplate jdbc) {
        this.events = events;
        this.gateway = gateway;
        this.lookups = lookups;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (done()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.error("Making the contacts of earlier tickets failed; it runs again at the next start", e);
            }
        }, "contact-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean done() {
        return jdbc.queryForObject("SELECT count(*) FROM command.contact_backfill", Integer.class) > 0;
    }

    /** Makes the missing contacts; answers how many were made. */
    public int run() {
        AtomicInteger made = new AtomicInteger();
        Set<String> seen = new HashSet<>();
        try (Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> stream =
                     events.readEvents(null, false)) {
            stream.filter(event -> TicketOpened.class.equals(event.getPayloadType()))
                  .map(event -> (TicketOpened) event.getPayload())
                  .forEach(opened -> {
                      String identity;
                      try {
                          identity = Contacts.identity(opened.customerEmail(), "customerEmail");
                      } catch (InvalidInput unusable) {
                          return;
                      }
                      if (seen.add(identity) && lookups.owner(identity).isEmpty() && make(opened, identity)) {
                          made.incrementAndGet();
                      }
                  });
        }
        jdbc.update("INSERT INTO command.contact_backfill (done_at) VALUES (now())");
        if (made.get() > 0) {
            log.info("Made {} contacts for the customers of earlier tickets", made.get());
        }
        return made.get();
    }

    private boolean make(TicketOpened opened, String identity) {
        String domain = Contacts.emailDomain(identity);
        String organization = domain == null ? null : lookups.organizationOf(domain).orElse(null);
        try {
            Object created = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new CreateContact(opened.contactId(), opened.customerName(), null, List.of(identity), organization,
                                      "system:contact-backfill"))
                                                                      .andMetaData(MetaData.with("user",
                                                                                                 "system:contact-backfill")));
            return Boolean.TRUE.equals(created);
        } catch (RuleViolation taken) {
            return false;
        }
    }
}
