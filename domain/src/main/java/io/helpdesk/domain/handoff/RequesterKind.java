package io.helpdesk.domain.handoff;

public enum RequesterKind {
    BOT, AGENT
}
