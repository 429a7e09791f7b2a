package io.helpdesk.domain.channel;

/** What the channel must remember of a message to enforce its rules. */
record ChannelMessage(String author, boolean deleted) {
}
