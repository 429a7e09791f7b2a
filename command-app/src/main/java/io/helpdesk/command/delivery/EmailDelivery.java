package io.helpdesk.command.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.helpdesk.domain.ticket.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Sends a reply as an e-mail through the configured SMTP server (Spring Boot's mail support, Jakarta Mail), as
 * part of the customer's thread: its {@code Message-ID} is made from the reply's event identifier (the same on
 * every attempt, so a mail sent again is recognisable as the same message), {@code In-Reply-To} names the
 * thread's latest message and {@code References} all of them, oldest first, which is how Gmail, Outlook and
 * Apple Mail keep one conversation. Each attempt is bounded by the SMTP timeouts; failed attempts are retried
 * with exponential backoff behind a circuit breaker (Resilience4j {@code deliveries}).
 */
@Component
class EmailDelivery {

    static final String PROVIDER = "smtp";

    private final MailProperties mail;
    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final DeliverySettings settings;
    private final ReplyFiles files;
    private final Retry retry;
    private final CircuitBreaker breaker;

    EmailDelivery(MailProperties mail, DeliverySettings settings, RetryRegistry retries,
                  CircuitBreakerRegistry breakers, ReplyFiles files) {
        this.files = files;
        this.mail = mail;
        this.settings = settings;
        this.retry = retries.retry("delivery-email", "deliveries");
        this.breaker = breakers.circuitBreaker("delivery-email", "deliveries");
        sender.setHost(mail.getHost());
        if (mail.getPort() != null) {
            sender.setPort(mail.getPort());
        }
        sender.setUsername(mail.getUsername());
        sender.setPassword(mail.getPassword());
        sender.setProtocol(mail.getProtocol());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = new Properties();
        properties.putAll(mail.getProperties());
        sender.setJavaMailProperties(properties);
    }

    /** Whether an SMTP server is configured ({@code SMTP_HOST}). */
    boolean configured() {
        return StringUtils.hasText(mail.getHost());
    }

    /** The Message-ID a reply's mail carries. */
    String messageId(String replyId) {
        return "<" + replyId + "@" + domain(from(null).getAddress()) + ">";
    }

    /**
     * Sends the reply; returns its Message-ID. Throws {@link DeliveryFailures.Refused} when the server refuses it
     * for good, {@link DeliveryFailures.Unavailable} when it cannot be handed over now.
     */
    String send(String replyId, String body, List<Attachment> attachments, Conversation conversation) {
        String messageId = messageId(replyId);
        MimeMessage message = message(messageId, body, attachments, conversation);
        // A refusal is final: neither retried nor counted against the server (both ignore Refused).
        Runnable attempt = () -> {
            try {
                sender.send(message);
            } catch (MailException failure) {
                if (permanent(failure)) {
                    throw new DeliveryFailures.Refused("the mail server refused the reply: "
                                                               + DeliveryFailures.root(failure));
                }
                throw failure;
            }
        };
        try {
            Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, attempt)).run();
            return messageId;
        } catch (CallNotPermittedException open) {
            throw new DeliveryFailures.Unavailable("e-mail: the SMTP server failed repeatedly; not tried again "
                                                           + "while its circuit breaker is open");
        } catch (MailException failure) {
            throw new DeliveryFailures.Unavailable("e-mail: " + DeliveryFailures.root(failure));
        }
    }

    /**
     * Refusals that another attempt cannot change: the server rejects the address or the message with a
     * permanent (5xx) reply. A failed login, a connection that fails and a temporary (4xx) reply are not.
     */
    static boolean permanent(MailException failure) {
        if (failure instanceof MailAuthenticationException) {
            return false;
        }
        if (!(failure instanceof MailSendException send)) {
            return true;
        }
        for (Exception cause : send.getMessageExceptions()) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SMTPSendFailedException smtp) {
                    return smtp.getReturnCode() >= 500;
                }
                if (t instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private MimeMessage message(String messageId, String body, List<Attachment> attachments,
                                Conversation conversation) {
        try {
            MimeMessage message = new ThreadedMessage(sender.getSession(), messageId);
            message.setFrom(from(conversation.team));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO,
                                 new InternetAddress(conversation.customerAddress,
                                                     conversation.customerName, StandardCharsets.UTF_8.name()));
            message.setSubject(subject(conversation.subject), StandardCharsets.UTF_8.name());
            if (attachments.isEmpty()) {
                message.setText(body, StandardCharsets.UTF_8.name());
            } else {
                MimeMessageHelper parts = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
                                                              StandardCharsets.UTF_8.name());
                parts.setText(body);
                for (Attachment attachment : attachments) {
                    parts.addAttachment(attachment.name(), new ByteArrayDataSource(files.bytes(attachment),
                                                                                   attachment.contentType()));
                }
            }
            List<String> thread = conversation.messageIds;
            if (!thread.isEmpty()) {
                message.setHeader("In-Reply-To", thread.get(thread.size() - 1));
                message.setHeader("References", String.join(" ", thread));
            }
            message.setSentDate(new java.util.Date());
            return message;
        } catch (AddressException bad) {
            throw new DeliveryFailures.Refused("the customer's address " + conversation.customerAddress
                                                       + " is not an e-mail address: " + bad.getMessage());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryFailures.Refused("the reply could not be written as an e-mail: " + e.getMessage());
        }
    }

    /** The team's own sender when it has one, else the configured one. */
    InternetAddress from(String team) {
        DeliverySettings.Email email = settings.email();
        try {
            String teamFrom = team == null ? null : email.teamFrom().get(team);
            if (teamFrom != null) {
                return new InternetAddress(teamFrom, true);
            }
            return new InternetAddress(email.from(), email.fromName(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalStateException("helpdesk.delivery.email: not an address: " + e.getMessage(), e);
        }
    }

    private static String subject(String subject) {
        String s = subject == null || subject.isBlank() ? "Your request" : subject.strip();
        return s.regionMatches(true, 0, "Re:", 0, 3) ? s : "Re: " + s;
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? "helpdesk.local" : address.substring(at + 1);
    }

    /** Keeps the Message-ID it is given: Jakarta Mail would make a new one each time the message is saved. */
    private static final class ThreadedMessage extends MimeMessage {

        private final String messageId;

        ThreadedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
