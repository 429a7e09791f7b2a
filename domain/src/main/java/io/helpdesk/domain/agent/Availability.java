package io.helpdesk.domain.agent;

/** Whether an agent takes tickets now: only ONLINE agents are given tickets by routing. */
public enum Availability {
    ONLINE, AWAY, OFFLINE
}
