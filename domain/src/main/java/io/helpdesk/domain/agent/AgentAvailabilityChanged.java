package io.helpdesk.domain.agent;

public record AgentAvailabilityChanged(String agentId, Availability availability, String by) implements AgentEvent {
}
