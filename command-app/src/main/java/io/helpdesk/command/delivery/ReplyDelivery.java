package io.helpdesk.command.delivery;

import io.helpdesk.command.links.SignedLinks;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.RecordReplyDeliveryFailed;
import io.helpdesk.domain.ticket.RecordReplyDispatched;
import io.helpdesk.domain.ticket.TicketId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Delivers every agent reply (a sent draft too) on the channel its ticket came from, and records on the ticket
 * what became of it: {@code ReplyDispatched} when the provider took it, {@code ReplyDeliveryFailed} when it was
 * refused or the channel has no outbound delivery. A side effect: its processor never replays and starts at the
 * newest event on its first start. Each reply is its own batch, so a failing one never sends its neighbours
 * again; one whose provider stays unavailable is set aside in the dead letters of {@value #GROUP} (sequenced by
 * ticket: that ticket's later replies wait behind it, other tickets go on), for an ADMIN to retry or drop.
 * <p>
 * At least once: the record commits with the processor's position, so a crash between the provider taking a
 * reply and that commit sends it again (with the same e-mail Message-ID). A reply already recorded is never
 * sent again.
 * <p>
 * {@code helpdesk.delivery.enabled=false} ({@code DELIVERY_ENABLED}) leaves the processor out: nothing is sent
 * or recorded until it is enabled again, when it goes on from where it stopped.
 */
@Component
@ProcessingGroup(ReplyDelivery.GROUP)
@ConditionalOnProperty(name = "helpdesk.delivery.enabled", havingValue = "true", matchIfMissing = true)
public class ReplyDelivery {

    public static final String GROUP = "deliveries";

    /** CHAT and WEB replies: shown on the conversation page the customer's signed link opens. */
    static final String CONVERSATION_LINK = "conversation-link";

    private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);

    /**
     * How many replies in the store have not been dealt with yet (neither handed over nor recorded as failed,
     * set-aside ones included): what an operator, or a check that wants a quiet store, waits to see reach 0.
     */
    public static final String UNSETTLED = """
            SELECT count(*) FROM eventstore.domain_event_entry r
            WHERE r.payload_type = 'io.helpdesk.domain.ticket.AgentReplied'
              AND NOT EXISTS (SELECT 1 FROM eventstore.domain_event_entry s
                              WHERE s.aggregate_identifier = r.aggregate_identifier
                                AND s.sequence_number > r.sequence_number
                                AND s.payload_type IN ('io.helpdesk.domain.ticket.ReplyDispatched',
                                                       'io.helpdesk.domain.ticket.ReplyDeliveryFailed')
                                AND convert_from(s.payload, 'UTF8')::jsonb ->> 'replyId' = r.event_identifier)""";

    private final EventStorageEngine events;
    private final CommandGateway commands;
    private final EmailDelivery email;
    private final TwilioDelivery twilio;
    private final MetaDelivery meta;
    private final SignedLinks links;
    private final MeterRegistry meters;

    ReplyDelivery(EventStorageEngine events, CommandGateway commands, EmailDelivery email, TwilioDelivery twilio,
                  MetaDelivery meta, SignedLinks links, MeterRegistry meters) {
        this.events = events;
        this.commands = commands;
        this.email = email;
        this.twilio = twilio;
        this.meta = meta;
        this.links = links;
        this.meters = meters;
        // Published from zero, so that dashboards and alerts find every channel's series before its first reply.
        for (ContactChannel channel : ContactChannel.values()) {
            for (String outcome : new String[] {"dispatched", "unavailable", "failed"}) {
                meters.counter("helpdesk.deliveries." + outcome, "channel", channel.name());
            }
        }
    }

    @EventHandler
    @DisallowReplay
    void on(AgentReplied reply, @MessageIdentifier String replyId, @SequenceNumber Long sequence) {
        Conversation conversation = Conversation.of(events.readEvents(reply.ticketId(), 0).asStream(), sequence);
        if (conversation.settled(replyId)) {
            return;
        }
        ContactChannel channel = conversation.channel;
        String provider;
        String notConfigured;
        switch (channel) {
            case EMAIL -> {
                provider = EmailDelivery.PROVIDER;
                notConfigured = email.configured() ? null : "no SMTP server is configured (SMTP_HOST)";
            }
            case SMS -> {
                provider = TwilioDelivery.PROVIDER;
                notConfigured = twilio.configured(channel) ? null
                        : "Twilio is not configured for SMS "
                          + "(TWILIO_ACCOUNT_SID, WEBHOOK_SECRET_TWILIO, TWILIO_SMS_FROM)";
            }
            case WHATSAPP -> {
                // Back the way the conversation came: Meta's Cloud API or Twilio, else whichever is set up.
                boolean meta = this.meta.configured(channel);
                boolean viaTwilio = twilio.configured(channel);
                provider = meta && (MetaDelivery.PROVIDER.equals(conversation.origin) || !viaTwilio)
                        ? MetaDelivery.PROVIDER : TwilioDelivery.PROVIDER;
                notConfigured = meta || viaTwilio ? null : "neither the WhatsApp Cloud API (META_WHATSAPP_TOKEN, "
                        + "META_WHATSAPP_PHONE_NUMBER_ID) nor Twilio (TWILIO_WHATSAPP_FROM) is configured";
            }
            case FACEBOOK, INSTAGRAM -> {
                provider = MetaDelivery.PROVIDER;
                notConfigured = this.meta.configured(channel) ? null : "Meta's Send API is not configured for "
                        + channel + " (" + (channel == ContactChannel.FACEBOOK ? "META_PAGE_TOKEN"
                                                                                : "META_INSTAGRAM_TOKEN") + ")";
            }
            case CHAT, WEB -> {
                provider = CONVERSATION_LINK;
                notConfigured = links.canSign() ? null : "replies on " + channel + " are read by the customer "
                        + "through their conversation link, and links are not configured (LINK_KEY)";
            }
            default -> {
                provider = null;
                notConfigured = "replies on " + channel + " are recorded only; reach the customer another way";
            }
        }
        if (notConfigured != null) {
            failed(reply, replyId, channel, "not delivered: " + notConfigured);
            return;
        }
        try {
            String messageId = switch (provider) {
                case EmailDelivery.PROVIDER -> email.send(replyId, reply.body(), reply.attachments(), conversation);
                // On the customer's conversation page from now on: the reply is its own message there.
                case CONVERSATION_LINK -> replyId;
                case TwilioDelivery.PROVIDER -> twilio.send(reply.ticketId(), reply.body(), reply.attachments(),
                                                            conversation);
                default -> meta.send(reply.ticketId(), reply.body(), reply.attachments(), conversation);
            };
            commands.sendAndWait(new RecordReplyDispatched(new TicketId(reply.ticketId()), replyId, channel,
                                                           provider, messageId, reply.agentId()));
            meters.counter("helpdesk.deliveries.dispatched", "channel", channel.name()).increment();
        } catch (DeliveryFailures.Refused refused) {
            failed(reply, replyId, channel, refused.getMessage());
        } catch (DeliveryFailures.Unavailable unavailable) {
            meters.counter("helpdesk.deliveries.unavailable", "channel", channel.name()).increment();
            log.warn("Reply {} on ticket {} not delivered, set aside for a retry: {}", replyId, reply.ticketId(),
                     unavailable.getMessage());
            throw unavailable;
        }
    }

    private void failed(AgentReplied reply, String replyId, ContactChannel channel, String reason) {
        commands.sendAndWait(new RecordReplyDeliveryFailed(new TicketId(reply.ticketId()), replyId, channel, reason,
                                                           reply.agentId()));
        meters.counter("helpdesk.deliveries.failed", "channel", String.valueOf(channel)).increment();
    }
}
