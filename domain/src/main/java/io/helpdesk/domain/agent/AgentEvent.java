package io.helpdesk.domain.agent;

/** Every event of an agent's routing profile. */
public sealed interface AgentEvent permits AgentProfileSet, AgentAvailabilityChanged {
    String agentId();
}
