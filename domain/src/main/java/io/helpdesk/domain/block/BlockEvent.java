package io.helpdesk.domain.block;

/** Every event of a sender's block. */
public sealed interface BlockEvent permits SenderBlocked, SenderUnblocked, InboundMessageBlocked {
    String pattern();
}
