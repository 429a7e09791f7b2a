package io.helpdesk.domain.agent;

import java.util.List;

/** The teams whose queues the agent takes tickets from, the skills they bring, and how many open tickets at once. */
public record AgentProfileSet(String agentId, List<String> teams, List<String> skills, int capacity, String by)
        implements AgentEvent {
}
