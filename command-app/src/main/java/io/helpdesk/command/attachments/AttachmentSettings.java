package io.helpdesk.command.attachments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Attachments ({@code helpdesk.attachments}).
 *
 * @param maxFileSize    the largest file taken (upload, inbound e-mail part, provider media); larger: 413
 * @param maxMessageSize the most all files of one message may weigh together; more: 413
 */
@ConfigurationProperties("helpdesk.attachments")
public record AttachmentSettings(DataSize maxFileSize, DataSize maxMessageSize) {

    public AttachmentSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(25) : maxFileSize;
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
    }
}
