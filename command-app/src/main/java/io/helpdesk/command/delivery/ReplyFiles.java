package io.helpdesk.command.delivery;

import io.helpdesk.command.attachments.AttachmentStore;
import io.helpdesk.command.links.SignedLinks;
import io.helpdesk.domain.ticket.Attachment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A reply's files on their way out: their bytes for a mail, or signed links for the channels that fetch files
 * by URL (Twilio's {@code MediaUrl}) or show them as links (Meta). A file that cannot be had refuses the reply
 * with the reason, rather than sending it without the file.
 */
@Component
class ReplyFiles {

    private final AttachmentStore store;
    private final SignedLinks links;

    ReplyFiles(AttachmentStore store, SignedLinks links) {
        this.store = store;
        this.links = links;
    }

    /** The file's bytes, checked against its hash. */
    byte[] bytes(Attachment attachment) {
        try {
            return store.read(attachment.sha256()).orElseThrow(() -> missing(attachment));
        } catch (AttachmentStore.Damaged damaged) {
            throw new DeliveryFailures.Refused("the file " + attachment.name() + " cannot be sent: "
                                                       + damaged.getMessage());
        }
    }

    private static DeliveryFailures.Refused missing(Attachment attachment) {
        return new DeliveryFailures.Refused("the file " + attachment.name() + " (" + attachment.sha256()
                                                    + ") is not in the attachment store");
    }

    /** Signed links to the reply's files, in order. */
    List<String> links(String ticketId, List<Attachment> attachments, String channel) {
        if (attachments.isEmpty()) {
            return List.of();
        }
        if (!links.configured()) {
            throw new DeliveryFailures.Refused("the reply has files, which " + channel + " can only carry as links: "
                    + "set PUBLIC_URL and LINK_KEY");
        }
        // The provider fetches the bytes (checked against their hash then): here it is enough that they are there.
        attachments.forEach(attachment -> store.find(attachment.sha256()).orElseThrow(() -> missing(attachment)));
        return attachments.stream().map(attachment -> links.file(ticketId, attachment.sha256())).toList();
    }

    /** The reply's text followed by a line per file: its name and its link. */
    String withLinks(String ticketId, String body, List<Attachment> attachments, String channel) {
        List<String> urls = links(ticketId, attachments, channel);
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < urls.size(); i++) {
            text.append(i == 0 ? "\n\n" : "\n").append(attachments.get(i).name()).append(": ").append(urls.get(i));
        }
        return text.toString();
    }
}
